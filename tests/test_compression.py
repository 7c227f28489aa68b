"""Pages travel gzip-compressed; downloads keep their length; cached pages still work."""

import gzip
import re
from io import BytesIO

import pytest
from django.http import FileResponse
from django.test import Client, override_settings

from hub.middleware import GZipPagesMiddleware
from tests.home.factories import StandardPageFactory
from tests.petitions.factories import (
    PetitionIndexPageFactory,
    PetitionPageFactory,
    SignerFormDataFactory,
)
from tests.resources.factories import DocumentFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_pages_are_gzip_compressed_for_browsers_that_accept_it(client, home, chrome):
    response = client.get("/en/", **GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<h1>Organizing for migrant justice</h1>" in html
    assert len(response.content) < len(html.encode()) / 2


def test_pages_are_sent_plain_to_clients_that_do_not_accept_gzip(client, home):
    response = client.get("/en/")
    assert not response.has_header("Content-Encoding")
    assert b"<h1>Organizing for migrant justice</h1>" in response.content


def test_downloads_are_sent_as_they_are_with_their_length(client, home):
    document = DocumentFactory()
    response = client.get(document.url, **GZIP)
    assert response.get("Content-Encoding") != "gzip"
    assert response["Content-Length"] == str(document.file_size)
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_streamed_files_are_never_compressed_on_the_fly(rf):
    """Wherever a file comes from (local disk or object storage), it streams unchanged."""
    pdf = b"%PDF-1.4 " + b"a report " * 100
    middleware = GZipPagesMiddleware(lambda request: FileResponse(BytesIO(pdf)))
    response = middleware(rf.get("/documents/1/report.pdf", **GZIP))
    assert not response.has_header("Content-Encoding")
    assert b"".join(response.streaming_content) == pdf


@override_settings(PAGE_CACHE_SECONDS=300)
def test_compressed_page_from_the_cache_carries_each_visitors_working_csrf_token(home):
    petition = PetitionPageFactory(parent=PetitionIndexPageFactory(parent=home), slug="sign")
    StandardPageFactory(parent=home, slug="about")  # the cache holds more than one page
    url = petition.url
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get(url, **GZIP)["X-Page-Cache"] == "miss"
    response = second.get(url, **GZIP)
    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Encoding"] == "gzip"

    html = gzip.decompress(response.content).decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    signed = second.post(url, {**SignerFormDataFactory(), "csrfmiddlewaretoken": token})
    assert signed.status_code == 303
