"""Search terms visitors use, shown to the editors who pin search results."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

PROMOTION_PERMISSIONS = [
    f"wagtailsearchpromotions.{action}_searchpromotion" for action in ("add", "change", "delete")
]


def can_promote_search_results(user):
    return any(user.has_perm(permission) for permission in PROMOTION_PERMISSIONS)


class PopularSearchTermsView(SearchTermsReportView):
    """Wagtail's search terms report, most searched first, for editors who pin results.

    Wagtail shows the report to superusers only; the people who choose what to pin
    need to see what visitors look for.
    """

    index_url_name = "hub_search_terms"
    index_results_url_name = "hub_search_terms_results"

    def dispatch(self, request, *args, **kwargs):
        if not can_promote_search_results(request.user):
            return permission_denied(request)
        # Skip SearchTermsReportView's superuser-only check.
        return ReportView.dispatch(self, request, *args, **kwargs)


class PopularSearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_promote_search_results(request.user)


@hooks.register("register_admin_urls")
def register_search_terms_urls():
    return [
        path("search-terms/", PopularSearchTermsView.as_view(), name="hub_search_terms"),
        path(
            "search-terms/results/",
            PopularSearchTermsView.as_view(results_only=True),
            name="hub_search_terms_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return PopularSearchTermsMenuItem(
        _("Search terms"),
        reverse("hub_search_terms"),
        name="popular-search-terms",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_wagtails_superuser_only_search_terms(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
