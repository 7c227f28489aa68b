"""The security headers a visitor's browser and an editor's browser receive."""

import json
import re

import pytest

from tests.security.conftest import csp_directives

pytestmark = pytest.mark.django_db


def test_public_pages_allow_no_inline_script_or_style(client, home):
    policy = csp_directives(client.get("/en/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]


def test_admin_gets_the_inline_scripts_and_styles_it_needs_and_nothing_more(client):
    policy = csp_directives(client.get("/admin/login/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "blob:" in policy["img-src"]
    # Wagtail's preview panel frames the admin's own preview view.
    assert policy["frame-ancestors"] == ["'self'"]


def test_page_preview_may_be_framed_only_by_the_admin(admin_client, home):
    response = admin_client.get(f"/admin/pages/{home.pk}/edit/preview/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert csp_directives(response)["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("path", ["/en/", "/es/", "/en/no-such-page/", "/admin/login/"])
def test_every_response_sends_referrer_permissions_and_nosniff_headers(client, home, path):
    response = client.get(path)
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}


def test_public_pages_refuse_to_be_framed(client, home):
    assert client.get("/en/")["X-Frame-Options"] == "DENY"


def test_admin_scripts_take_the_csrf_token_from_the_page_not_the_cookie(admin_client, settings):
    """So the CSRF cookie can be HttpOnly in production without breaking the admin."""
    settings.CSRF_COOKIE_HTTPONLY = True
    html = admin_client.get("/admin/").content.decode()
    config = json.loads(
        re.search(r'<script id="wagtail-config" type="application/json">(.*?)</script>', html)[1]
    )
    assert config["CSRF_TOKEN"]
    assert config["CSRF_HEADER_NAME"].lower() == "x-csrftoken"


def test_language_cookie_is_https_only_where_settings_say_so(client, home, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    assert client.get("/en/").cookies["django_language"]["secure"] is True
