"""Links to listed sites go through the "You are leaving" notice, which is no open redirect."""

import pytest
from django.core.cache import cache

from home.external_links import DOMAINS_CACHE_KEY
from tests.home.factories import ExternalLinkNoticeFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

SUPPORT_SITE = "https://supportcommittee.example.org/donate?ref=hub"


@pytest.fixture
def notice(english, spanish, translate_now):
    notice = ExternalLinkNoticeFactory(locale=english)
    translate_now(
        notice,
        spanish,
        {
            "You are leaving": "Estás saliendo de este sitio",
            "By clicking below you will be directed to an independent 501c3 entity.": (
                "Al hacer clic abajo irás a una entidad 501c3 independiente."
            ),
            "Continue": "Continuar",
            "Stay here": "Quedarme aquí",
        },
    )
    return notice


def test_notice_shows_the_editors_text_and_a_continue_button(client, notice, home):
    response = client.get("/en/leaving/", {"url": SUPPORT_SITE})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>You are leaving</h1>" in html
    assert "independent 501c3 entity" in html
    assert '<a class="button" href="https://supportcommittee.example.org/donate?ref=hub"' in html


def test_notice_is_in_the_visitors_language(client, notice, spanish_home):
    response = client.get("/es/saliendo/", {"url": SUPPORT_SITE})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "Estás saliendo de este sitio" in html
    assert ">Continuar</a>" in html


@pytest.mark.parametrize(
    "url",
    [
        "http://supportcommittee.example.org/",
        "https://evil.example.com/",
        "https://supportcommittee.example.org.evil.example.com/",
        "https://evilsupportcommittee.example.org/",
        "https://user:pass@supportcommittee.example.org/",
        "https://supportcommittee.example.org:8443/",
        "javascript:alert(1)",
        "//supportcommittee.example.org/",
        "/en/",
        "",
        "https://supportcommittee.example.org/" + "a" * 3000,
        "https://[::1/",
    ],
)
def test_anything_but_https_on_a_listed_domain_is_refused(client, notice, home, url):
    response = client.get("/en/leaving/", {"url": url})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This link cannot be followed" in html
    assert 'class="button"' not in html


def test_refusal_is_explained_in_spanish_on_spanish_urls(client, notice, spanish_home):
    response = client.get("/es/saliendo/", {"url": "https://evil.example.com/"})
    assert response.status_code == 400
    assert "No podemos seguir este enlace" in response.content.decode()


def test_subdomains_of_listed_domains_are_accepted(client, notice, home):
    response = client.get("/en/leaving/", {"url": "https://www.supportcommittee.example.org/"})
    assert response.status_code == 200
    assert '<a class="button" href="https://www.supportcommittee.example.org/"' in (
        response.content.decode()
    )


def test_links_to_listed_sites_in_pages_go_through_the_notice(client, notice, home):
    StandardPageFactory(
        parent=home,
        slug="support",
        title="Support",
        body=[
            ("paragraph", f'<p>Give to the <a href="{SUPPORT_SITE}">committee</a>.</p>'),
            ("paragraph", '<p>Read <a href="https://news.example.net/">the news</a>.</p>'),
            (
                "call_to_action",
                {
                    "heading": "Donate",
                    "text": "",
                    "link": {"page": None, "url": SUPPORT_SITE, "label": "Donate now"},
                },
            ),
        ],
    )
    html = client.get("/en/support/").content.decode()
    routed = "/en/leaving/?url=https%3A%2F%2Fsupportcommittee.example.org%2Fdonate%3Fref%3Dhub"
    assert f'<a href="{routed}">committee</a>' in html
    assert f'<a class="button" href="{routed}">Donate now</a>' in html
    assert '<a href="https://news.example.net/">the news</a>' in html


def test_editing_the_domain_list_applies_at_once(client, notice, home):
    assert client.get("/en/leaving/", {"url": "https://other.example.org/"}).status_code == 400
    notice.domains = "supportcommittee.example.org\nother.example.org"
    notice.save()
    assert cache.get(DOMAINS_CACHE_KEY) is None
    assert client.get("/en/leaving/", {"url": "https://other.example.org/"}).status_code == 200


def test_post_to_the_notice_is_refused(client, notice, home):
    assert client.post("/en/leaving/", {"url": SUPPORT_SITE}).status_code == 405
