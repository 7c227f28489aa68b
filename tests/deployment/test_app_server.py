"""The site as production runs it: `make serve` (collectstatic, migrate, gunicorn), and
several app processes sharing one database and one Redis, so any node serves any request."""

import re

import pytest
import redis
from django.contrib.auth import get_user_model

from tests.environment import (
    REDIS_TEST_URL,
    AppProcesses,
    Browser,
    free_port,
    shared_database_url,
    start,
    stop,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_make_serve_collects_static_files_migrates_and_serves_over_https_only(home):
    port = free_port()
    server = start(
        ["make", "--no-print-directory", "serve"],
        port,
        PORT=str(port),
        WEB_CONCURRENCY="2",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=shared_database_url(),
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https",
    )
    try:
        plain, behind_tls = Browser(port), Browser(port, https=True)
        status, headers, body = plain.request("GET", "/healthz/node")
        assert (status, body) == (200, '{"status": "ok", "database": "ok", "cache": "ok"}')
        status, headers, _ = plain.request("GET", "/en/?email=signer%40example.org")
        assert status == 301
        assert headers["Location"].startswith("https://127.0.0.1/en/")

        status, headers, html = behind_tls.request("GET", "/en/")
        assert status == 200
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        stylesheet = re.search(r'href="(/static/css/hub\.[0-9a-f]{12}\.css)"', html)[1]
        assert behind_tls.request("GET", stylesheet)[0] == 200
    finally:
        output = stop(server)
    access_lines = [line for line in output.splitlines() if '"GET /' in line]
    assert any('"GET /en/ HTTP/1.1" 301' in line for line in access_lines), output
    assert not any("email" in line or "127.0.0.1 " in line for line in access_lines), output


def test_two_app_processes_share_sessions_and_login_lockouts(settings):
    # Production's hasher, so that the app processes can check the password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    password = "a-long-editor-password-9271"
    get_user_model().objects.create_superuser("editor", "editor@example.org", password)
    with AppProcesses(2, LOGIN_FAILURE_LIMIT="2") as nodes:
        first_port, second_port = nodes.ports
        editor = Browser(first_port, https=True)
        assert editor.sign_in("editor", password) == 302
        # The same session cookie, sent to the other process: still signed in.
        editor.port = second_port
        status, _, html = editor.request("GET", "/admin/")
        assert status == 200
        assert "Dashboard" in html
        keys = redis.Redis.from_url(REDIS_TEST_URL).keys(f"{nodes.redis_prefix}:*")
        assert any(b"django.contrib.sessions" in key for key in keys)

        attacker = Browser(first_port, https=True)
        assert attacker.sign_in("editor", "wrong") == 200
        attacker.port = second_port
        assert attacker.sign_in("editor", "wrong") == 429
        attacker.port = first_port
        assert attacker.sign_in("editor", password) == 429
