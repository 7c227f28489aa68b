"""Count every download of a document that Wagtail's document view serves."""

from django.dispatch import receiver
from wagtail.documents.models import document_served

from resources.models import DownloadCount


@receiver(document_served)
def count_download(sender, instance, request, **kwargs):
    """Sent once a request passed the document's privacy checks; a HEAD request is no download."""
    if request.method == "GET":
        DownloadCount.record(instance)
