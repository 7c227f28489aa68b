"""Fixtures and helpers of the security suite."""

import re
from urllib.parse import urlsplit

import pytest

from tests.home.factories import ExternalLinkNoticeFactory
from tests.resources.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ReportPageFactory,
    ResourceIndexPageFactory,
)

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


@pytest.fixture
def public_site(home, spanish_home, spanish_petition, chrome, english, spanish, translate_now):
    """Every page that takes visitors' input, in English and Spanish: the blog and the
    library (page numbers, filters), a petition (its form), the search, and the "You are
    leaving" page (its url)."""
    blog = BlogIndexPageFactory(parent=home, slug="blog")
    post = BlogPageFactory(parent=blog, title="ICE raids in Phoenix", slug="ice-raids")
    library = ResourceIndexPageFactory(parent=home, slug="resources")
    report = ReportPageFactory(parent=library, title="Deportations report", slug="report")
    notice = ExternalLinkNoticeFactory(locale=english)
    for instance in (blog, post, library, report, notice):
        translate_now(instance, spanish, {})
