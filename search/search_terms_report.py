"""Wagtail's search terms report, opened to the editors who pin search results.

Adapts a private detail of Wagtail 8.0.1: SearchTermsReportView.dispatch refuses
everyone but superusers, so PopularSearchTermsView.dispatch checks its own permission
and then calls ReportView.dispatch, skipping the class in between. Wagtail's own menu
item for the report is named "search-terms". tests/search/test_admin.py fails if
either changes (editors refused, or the report listed twice for superusers).
"""

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

WAGTAIL_MENU_ITEM_NAME = "search-terms"

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

    index_url_name = "search_terms_report"
    index_results_url_name = "search_terms_report_results"

    def dispatch(self, request, *args, **kwargs):
        if not can_promote_search_results(request.user):
            return permission_denied(request)
        # Skip SearchTermsReportView's superuser-only check (its dispatch) by calling
        # the dispatch of the class above it.
        return ReportView.dispatch(self, request, *args, **kwargs)
