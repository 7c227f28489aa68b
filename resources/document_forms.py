"""The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Kept out of forms.py, which the models import: wagtail.documents.forms cannot be imported
while the models are loading.
"""

from django.conf import settings

from hub.documents import DocumentForm as ContentCheckedDocumentForm


class DocumentForm(ContentCheckedDocumentForm):
    """The content-checked document form, in which a file uploaded without a language is English.

    Wagtail's multiple upload sends only the file and its title; the editor then sets the
    language in the form Wagtail shows under each uploaded file.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data["language"] or settings.LANGUAGE_CODE
