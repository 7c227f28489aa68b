"""Documents readers download: their language, the file info beside each link, the counts."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument

# Names readers understand, for the file types WAGTAILDOCS_EXTENSIONS allows.
FILE_TYPE_NAMES = {
    "pdf": "PDF",
    "docx": _("Word document"),
    "odt": _("OpenDocument text"),
    "epub": _("EPUB e-book"),
    "pptx": _("PowerPoint slides"),
    "zip": _("ZIP archive"),
}


class ResourceDocument(AbstractDocument):
    """A file readers download, with the language it is written in.

    The language belongs to the file, not to the link: when a translator swaps in the
    Spanish file, the Spanish page says "Spanish" beside it with nothing else to change.
    """

    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the file is written in. Readers see it beside every link to it."),
    )

    admin_form_fields = WagtailDocument.admin_form_fields + ("language",)

    class Meta(AbstractDocument.Meta):
        permissions = [("choose_document", "Can choose document")]

    @property
    def file_type(self):
        extension = self.file_extension.lower()
        return FILE_TYPE_NAMES.get(extension, extension.upper())

    @property
    def language_name(self):
        return capfirst(str(get_language_info(self.language)["name_translated"]))

    @property
    def file_info(self):
        """Type, size and language in the reader's language, e.g. "PDF, 2.4 MB, Spanish"."""
        parts = [str(self.file_type)]
        if self.file_size is not None:
            parts.append(filesizeformat(self.file_size))
        parts.append(self.language_name)
        return ", ".join(parts)


class DownloadCount(models.Model):
    """How many times a document was downloaded.

    A row of its own, so that an editor saving the document never writes an old count back.
    """

    document = models.OneToOneField(
        ResourceDocument, primary_key=True, on_delete=models.CASCADE, related_name="download_count"
    )
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")

    def __str__(self):
        return f"{self.document}: {self.count}"

    @classmethod
    def record(cls, document):
        """Count one download. The database adds 1, so concurrent downloads are all counted."""
        if cls.objects.filter(document=document).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(document=document, count=1)
        except IntegrityError:
            # Another download created the row first.
            cls.objects.filter(document=document).update(count=F("count") + 1)
