"""Publishing a page purges it from the CDN or caching proxy the environment names."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.environment import settings_value
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def purge_server():
    """A caching proxy stand-in on 127.0.0.1 that records the PURGE requests it gets."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def frontend_cache_settings(**env):
    result = settings_value("test", "s.WAGTAILFRONTENDCACHE", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_publishing_a_page_purges_its_address(home, purge_server, settings):
    url, received = purge_server
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings(FRONTEND_CACHE_PURGE_URL=url)
    page = StandardPageFactory(parent=home, slug="stop-the-raids", title="Stop the raids")
    received.clear()
    page.title = "Stop the raids now"
    page.save_revision().publish()
    assert ("localhost", "/en/stop-the-raids/") in received


def test_without_a_purge_url_nothing_is_purged(home, purge_server, settings):
    _, received = purge_server
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings()
    StandardPageFactory(parent=home, slug="quiet", title="Quiet").save_revision().publish()
    assert received == []


def test_cloudflare_is_configured_from_its_token_and_zone():
    assert frontend_cache_settings(CLOUDFLARE_API_TOKEN="token", CLOUDFLARE_ZONE_ID="zone") == {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token",
            "ZONEID": "zone",
        }
    }
