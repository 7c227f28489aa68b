"""Admin for the resources app: categories, topics and partners, and the Downloads report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from resources.models import Category, Partner, ResourceDocument, Topic
from resources.views import DownloadsReportView


class TranslatableSnippetViewSet(SnippetViewSet):
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class CategoryViewSet(TranslatableSnippetViewSet):
    model = Category


class TopicViewSet(TranslatableSnippetViewSet):
    model = Topic


class PartnerViewSet(TranslatableSnippetViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "website", "locale"]


class ResourcesViewSetGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, TopicViewSet, PartnerViewSet)
    menu_icon = "tag"
    menu_label = _("Categories and topics")
    menu_name = "categories-and-topics"


register_snippet(ResourcesViewSetGroup)


@hooks.register("register_admin_urls")
def register_downloads_report_urls():
    return [
        path(
            "reports/downloads/",
            DownloadsReportView.as_view(),
            name="resources_downloads_report",
        ),
        path(
            "reports/downloads/results/",
            DownloadsReportView.as_view(results_only=True),
            name="resources_downloads_report_results",
        ),
    ]


class DownloadsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(ResourceDocument).user_has_any_permission(
            request.user, DownloadsReportView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_downloads_report_menu_item():
    return DownloadsReportMenuItem(
        _("Downloads"),
        reverse("resources_downloads_report"),
        name="downloads",
        icon_name="download",
        order=1300,
    )
