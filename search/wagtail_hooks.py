"""Search terms visitors use, shown to the editors who pin search results."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from admin_registration.reports import register_report
from search.search_terms_report import (
    WAGTAIL_MENU_ITEM_NAME,
    PopularSearchTermsView,
    can_promote_search_results,
)

register_report(
    PopularSearchTermsView,
    path="search-terms/",
    label=_("Search terms"),
    icon="search",
    order=1310,
    is_shown=can_promote_search_results,
    name="popular-search-terms",
)


@hooks.register("construct_reports_menu")
def hide_wagtails_superuser_only_search_terms(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != WAGTAIL_MENU_ITEM_NAME]
