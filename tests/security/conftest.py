"""Helpers of the security suite (its site: every_page_type in tests/conftest.py)."""

import re
from urllib.parse import urlsplit

PETITION_URLS = ("/en/petitions/stop-powering-ice/", "/es/petitions/stop-powering-ice/")
# Links to this site go through the "You are leaving" page.
LISTED_SITE = "https://supportcommittee.example.org"


def csp_directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_escaped(response, payload):
    """The payload, if shown at all, is shown as text: never as markup, never as a link."""
    html = response.content.decode()
    if set(payload) & set("<>\"'"):
        assert payload not in html
    assert "<script>alert" not in html.lower()
    assert not re.search(r"""(href|src|action)=["']?\s*javascript:""", html, re.IGNORECASE)
    assert response.status_code < 500


def assert_stays_on_site(response):
    """A redirect, if any, goes to a path of this site, never to another host."""
    assert response.status_code < 500
    if response.status_code in {301, 302, 303, 307, 308}:
        location = urlsplit(response["Location"])
        assert location.netloc in {"", "testserver"}, response["Location"]
        assert not response["Location"].startswith(("//", "/\\", "\\"))


def form_token(response):
    """The csrfmiddlewaretoken of the first form in a page."""
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]
