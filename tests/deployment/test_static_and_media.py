"""What phones download besides the HTML, and the HTML itself: static files compressed,
named by their content and cached for a year; images in the width the screen needs;
pages gzipped."""

import gzip
import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.resources.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ImageFactory,
    ReportPageFactory,
    ResourceIndexPageFactory,
)

pytestmark = pytest.mark.django_db

A_YEAR = 365 * 24 * 60 * 60


@pytest.fixture
def production_static_files(tmp_path, settings):
    """collectstatic as `make serve` runs it, with production's storage, into a temporary
    folder, and whitenoise serving that folder."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    whitenoise = WhiteNoiseMiddleware(lambda request: HttpResponse("not static", status=404))

    def get(path, **headers):
        return whitenoise(RequestFactory().get(path, headers=headers))

    return get


def test_static_files_are_named_by_their_content_and_cached_for_a_year(production_static_files):
    url = staticfiles_storage.url("css/hub.css")
    assert re.fullmatch(r"/static/css/hub\.[0-9a-f]{12}\.css", url)
    response = production_static_files(url)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", cache_control)[1]) >= A_YEAR
    assert "immutable" in cache_control


def test_static_files_are_sent_compressed_to_browsers_that_accept_it(production_static_files):
    url = staticfiles_storage.url("css/hub.css")
    compressed = production_static_files(url, accept_encoding="gzip")
    plain = production_static_files(url)
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    body = b"".join(compressed.streaming_content)
    assert gzip.decompress(body) == b"".join(plain.streaming_content)
    assert len(body) < len(gzip.decompress(body))


def test_pages_are_sent_gzipped_to_browsers_that_accept_it(client, home, chrome):
    compressed = client.get("/en/", headers={"accept-encoding": "gzip, deflate, br"})
    plain = client.get("/en/")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    html = gzip.decompress(compressed.content).decode()
    assert html == plain.content.decode()
    assert "Organizing for migrant justice" in html


def widths_offered(html):
    """The widths in the srcset of the page's hero image."""
    srcset = re.search(r'<figure class="hero-image"><img[^>]* srcset="([^"]+)"', html)[1]
    return [int(candidate.split()[-1].rstrip("w")) for candidate in srcset.split(", ")]


@pytest.mark.parametrize("page_type", ["post", "report"])
def test_hero_images_come_in_widths_for_phones_and_wide_screens(client, home, page_type):
    image = ImageFactory(file__width=1600, file__height=900)
    if page_type == "post":
        page = BlogPageFactory(parent=BlogIndexPageFactory(parent=home), image=image)
    else:
        page = ReportPageFactory(parent=ResourceIndexPageFactory(parent=home), image=image)
    html = client.get(page.url).content.decode()
    assert widths_offered(html) == [400, 800, 1200]
    assert 'sizes="(min-width: 50rem) 48rem, 100vw"' in html
    assert "original_images/" not in html
