"""The admin's Downloads report: how many times each document was downloaded."""

from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from resources.models import ResourceDocument


class DownloadsReportView(ReportView):
    page_title = _("Downloads")
    header_icon = "download"
    index_url_name = "downloads_report"
    index_results_url_name = "downloads_report_results"
    any_permission_required = ["add", "change", "delete"]
    default_ordering = "-downloads"
    columns = [
        TitleColumn("title", label=_("Document"), url_name="wagtaildocs:edit", sort_key="title"),
        Column("file_info", label=_("File")),
        Column("downloads", label=_("Downloads"), sort_key="downloads"),
    ]
    list_export = ["title", "filename", "language", "downloads"]
    export_headings = {
        "title": _("Document"),
        "filename": _("File name"),
        "language": _("Language"),
        "downloads": _("Downloads"),
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(ResourceDocument)

    def get_base_queryset(self):
        return ResourceDocument.objects.annotate(
            downloads=Coalesce("download_count__count", Value(0))
        )
