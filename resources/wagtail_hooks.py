"""Admin for the resources app: categories, topics and partners, and the Downloads report."""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from admin_registration.reports import register_report
from admin_registration.snippets import LocaleSnippetViewSet
from resources.models import Category, Partner, ResourceDocument, Topic
from resources.views import DownloadsReportView


class TermViewSet(LocaleSnippetViewSet):
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class CategoryViewSet(TermViewSet):
    model = Category


class TopicViewSet(TermViewSet):
    model = Topic


class PartnerViewSet(TermViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "website", "locale"]


class ResourcesViewSetGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, TopicViewSet, PartnerViewSet)
    menu_icon = "tag"
    menu_label = _("Categories and topics")
    menu_name = "categories-and-topics"


register_snippet(ResourcesViewSetGroup)


register_report(
    DownloadsReportView,
    path="reports/downloads/",
    label=_("Downloads"),
    icon="download",
    order=1300,
    is_shown=lambda user: policy_registry.get_by_type(ResourceDocument).user_has_any_permission(
        user, DownloadsReportView.any_permission_required
    ),
)
