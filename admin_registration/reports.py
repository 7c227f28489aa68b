"""One way to put a report into the admin's Reports menu.

A report is a Wagtail ReportView that names its two URLs (index_url_name and
index_results_url_name, both `<name>_report…`); register_report gives it those URLs
under /admin/<path>/ and a menu item with its own place in the menu, shown only to
the users `is_shown(user)` lets see it (the view checks the same permission itself).
"""

from django.urls import path as url_path
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class ReportMenuItem(MenuItem):
    def __init__(self, *args, is_shown, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = is_shown

    def is_shown(self, request):
        return self.shown_to(request.user)


def register_report(view_class, *, path, label, icon, order, is_shown, name=None):
    """Register `view_class`'s URLs at /admin/<path> and its Reports menu item."""
    index, results = view_class.index_url_name, view_class.index_results_url_name
    if not (index.endswith("_report") and results == f"{index}_results"):
        raise ValueError(f"{view_class.__name__}: report URLs are named <name>_report[_results].")

    @hooks.register("register_admin_urls")
    def register_urls():
        return [
            url_path(path, view_class.as_view(), name=index),
            url_path(f"{path}results/", view_class.as_view(results_only=True), name=results),
        ]

    @hooks.register("register_reports_menu_item")
    def register_menu_item():
        return ReportMenuItem(
            label,
            reverse(index),
            name=name or index.removesuffix("_report").replace("_", "-"),
            icon_name=icon,
            order=order,
            is_shown=is_shown,
        )
