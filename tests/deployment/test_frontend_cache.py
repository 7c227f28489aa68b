"""Publishing a page purges it from the CDN or caching proxy the environment names."""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from wagtail.contrib.frontend_cache.backends import cloudflare

from tests.environment import settings_value
from tests.home.factories import StandardPageFactory
from tests.queue import DATABASE_QUEUE, run_waiting_jobs

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
    # Wagtail purges the page's path under each language prefix.
    assert sorted(received) == [
        ("localhost", "/en/stop-the-raids/"),
        ("localhost", "/es/stop-the-raids/"),
    ]


def test_the_purge_is_queued_for_the_worker_not_made_in_the_editors_request(
    home, purge_server, settings
):
    url, received = purge_server
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings(FRONTEND_CACHE_PURGE_URL=url)
    page = StandardPageFactory(parent=home, slug="stop-the-raids", title="Stop the raids")
    settings.TASKS = DATABASE_QUEUE
    received.clear()
    page.save_revision().publish()
    assert received == []
    run_waiting_jobs()
    assert sorted(received) == [
        ("localhost", "/en/stop-the-raids/"),
        ("localhost", "/es/stop-the-raids/"),
    ]


def test_without_a_purge_url_nothing_is_purged(home, purge_server, settings, caplog):
    url, received = purge_server
    caplog.set_level(logging.INFO, logger="wagtail.frontendcache")
    page = StandardPageFactory(parent=home, slug="quiet", title="Quiet")
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings(FRONTEND_CACHE_PURGE_URL=url)
    page.save_revision().publish()  # the proxy hears of this publish...
    assert sorted(received) == [("localhost", "/en/quiet/"), ("localhost", "/es/quiet/")]

    received.clear()
    caplog.clear()
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings(FRONTEND_CACHE_PURGE_URL="")
    page.save_revision().publish()  # ...but not of this one, with the variable left blank
    assert received == []
    assert [r.getMessage() for r in caplog.records if r.name == "wagtail.frontendcache"] == []


def test_with_a_cloudflare_token_and_zone_publishing_purges_the_page_from_cloudflare(
    home, monkeypatch, settings
):
    """Cloudflare's API is not called from tests: its client records what it would send."""
    sent = []

    def post(url, json, headers, timeout):
        sent.append((url, json, headers["Authorization"]))
        return SimpleNamespace(status_code=200, json=lambda: {"success": True})

    monkeypatch.setattr(cloudflare.requests, "post", post)
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings(
        CLOUDFLARE_API_TOKEN="token-1", CLOUDFLARE_ZONE_ID="zone-2"
    )
    StandardPageFactory(parent=home, slug="raids", title="Raids").save_revision().publish()
    assert sent == [
        (
            "https://api.cloudflare.com/client/v4/zones/zone-2/purge_cache",
            {"files": ["http://localhost/en/raids/", "http://localhost/es/raids/"]},
            "Bearer token-1",
        )
    ]
