"""Videos embedded in a page body: the provider's player, fetched through oEmbed, or a link
to the video when the provider cannot give one.

The provider is a small oEmbed endpoint this module serves on 127.0.0.1, so the tests
need no internet and can make the provider fail.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from wagtail.embeds.models import Embed

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

VIDEO = "https://video.example.org/watch/chinga-la-migra"
PLAYER = (
    '<iframe src="https://video.example.org/embed/chinga-la-migra" width="640" height="360" '
    'title="Chinga La Migra in Phoenix" allowfullscreen></iframe>'
)


class OEmbedEndpoint(BaseHTTPRequestHandler):
    """Answers with the server's `status` and `body`; records the video URLs asked for."""

    def do_GET(self):
        self.server.asked_for.extend(parse_qs(urlsplit(self.path).query).get("url", []))
        body = self.server.body.encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def answer(server, status, body):
    server.status, server.body = status, body


@pytest.fixture
def provider(settings):
    """The video site's oEmbed endpoint, the only one Wagtail asks; no embed fetched yet."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), OEmbedEndpoint)
    server.asked_for = []
    answer(
        server,
        200,
        json.dumps(
            {
                "version": "1.0",
                "type": "video",
                "title": "Chinga La Migra in Phoenix",
                "provider_name": "Example Video",
                "width": 640,
                "height": 360,
                "html": PLAYER,
            }
        ),
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILEMBEDS_FINDERS = [
        {
            "class": "wagtail.embeds.finders.oembed",
            "providers": [
                {
                    "endpoint": f"http://127.0.0.1:{server.server_port}/oembed",
                    "urls": [r"^https://video\.example\.org/watch/.+$"],
                }
            ],
        }
    ]
    Embed.objects.all().delete()
    yield server
    Embed.objects.all().delete()
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def page_with_video(home):
    StandardPageFactory(parent=home, slug="phoenix", body=[{"type": "embed", "value": VIDEO}])
    return "/en/phoenix/"


def embed_of(html):
    start = html.index('<div class="embed">')
    return " ".join(html[start : html.index("</div>\n", start)].split())


def test_embedded_video_shows_the_providers_player(client, provider, page_with_video):
    response = client.get(page_with_video)
    assert response.status_code == 200
    assert embed_of(response.content.decode()) == f'<div class="embed"><div> {PLAYER}'
    assert provider.asked_for == [VIDEO]


def test_the_player_still_shows_once_fetched_when_the_provider_is_down(
    client, provider, page_with_video
):
    client.get(page_with_video)
    answer(provider, 503, "")
    assert PLAYER in client.get(page_with_video).content.decode()
    assert provider.asked_for == [VIDEO]


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (404, '{"error": "not found"}'),
        (500, ""),
        (200, "<html>not oEmbed</html>"),
        (200, '{"html": "<script>alert(1)</script>"}'),
    ],
)
def test_a_video_the_provider_cannot_give_is_a_link_to_it_instead(
    client, provider, page_with_video, status, body
):
    answer(provider, status, body)
    response = client.get(page_with_video)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<div class="embed"><a href="{VIDEO}">Watch the video</a></div>' in html
    assert "<iframe" not in html and "<script>alert" not in html
    assert provider.asked_for == [VIDEO]


def test_the_link_to_a_video_is_in_spanish_on_spanish_pages(
    client, provider, spanish_home, spanish
):
    answer(provider, 404, "")
    StandardPageFactory(
        parent=spanish_home,
        locale=spanish,
        slug="phoenix",
        body=[{"type": "embed", "value": VIDEO}],
    )
    html = client.get("/es/phoenix/").content.decode()
    assert f'<div class="embed"><a href="{VIDEO}">Ver el video</a></div>' in html
