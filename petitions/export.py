"""The signer export: its columns and how each value is written, shared by the admin's
CSV/XLSX export (petitions.wagtail_hooks.SignatureIndexView) and `manage.py
export_signatures`.

Built on Wagtail's SpreadsheetExportMixin, as the admin's export is, so both write the
same file.
"""

from django.conf import settings
from django.db.models import Case, OuterRef, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from petitions.models import PetitionPage, Signature

# What staff see of one signer, and the columns of the export.
SIGNER_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "postal_code",
    "opt_in",
    "language",
    "created_at",
]


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Keep a spreadsheet opening the CSV from running a signer's name or email as a formula."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


class SignatureExport(SpreadsheetExportMixin):
    """The export of signatures, each with its petition's title."""

    list_export = [*SIGNER_FIELDS, "petition_title"]
    export_headings = {"petition_title": _("Petition")}
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {SpreadsheetExportMixin.FORMAT_CSV: spreadsheet_safe},
    }
    # Times as the site's people read them: Wagtail's XLSX export would write UTC.
    custom_field_preprocess = {
        "created_at": {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: timezone.localtime(value).isoformat(
                timespec="seconds"
            ),
            SpreadsheetExportMixin.FORMAT_XLSX: timezone.make_naive,
        },
    }

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        """Formula-like text stays text (Wagtail already stores it as a string), marked
        with Excel's quote prefix so that editing the cell does not run it either."""
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell

    def get_base_queryset(self):
        titles = PetitionPage.objects.filter(translation_key=OuterRef("petition_key")).order_by(
            Case(When(locale__language_code=settings.LANGUAGE_CODE, then=Value(0)), default=1)
        )
        return Signature.objects.annotate(petition_title=Subquery(titles.values("title")[:1]))
