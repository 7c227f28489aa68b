"""The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): a document must be what its
extension says, by content, and one uploaded without a language is English.

Wagtail checks only the extension, so an HTML page renamed to .pdf would be accepted
and served from this site's own address. Kept out of forms.py, which the models import:
wagtail.documents.forms cannot be imported while the models are loading.
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

# Office Open XML formats name their main part; OpenDocument and EPUB store their
# media type, uncompressed, in a `mimetype` member.
ZIP_MEMBERS = {
    "docx": "word/document.xml",
    "pptx": "ppt/presentation.xml",
}
ZIP_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "epub": b"application/epub+zip",
}


def zip_is(upload, extension):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension in ZIP_MEMBERS:
                return ZIP_MEMBERS[extension] in names
            if extension in ZIP_MIMETYPES:
                if "mimetype" not in names:
                    return False
                with archive.open("mimetype") as member:
                    return member.read(100).strip() == ZIP_MIMETYPES[extension]
            return True
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def content_matches_extension(upload, extension):
    """Whether the uploaded file's bytes are a file of this extension's format."""
    upload.seek(0)
    try:
        if extension == "pdf":
            return upload.read(5) == b"%PDF-"
        if extension in {"zip", *ZIP_MEMBERS, *ZIP_MIMETYPES}:
            return zip_is(upload, extension)
        # Other extensions are refused by WAGTAILDOCS_EXTENSIONS, not here.
        return True
    finally:
        upload.seek(0)


class DocumentForm(BaseDocumentForm):
    """Wagtail's multiple upload sends only the file and its title; the editor then sets the
    language in the form Wagtail shows under each uploaded file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data["language"] or settings.LANGUAGE_CODE

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or "file" not in self.changed_data:
            return upload
        extension = os.path.splitext(upload.name)[1].lstrip(".").lower()
        if not content_matches_extension(upload, extension):
            raise ValidationError(
                _(
                    "This file is not really a %(format)s file, whatever its name says. "
                    "Save it again as %(format)s from the program that made it, then upload it."
                ),
                code="invalid_content",
                params={"format": extension.upper()},
            )
        return upload
