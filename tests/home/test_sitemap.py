"""/sitemap.xml lists both languages, with the same hreflang alternates as each page."""

import xml.etree.ElementTree as ET

import pytest

from tests.home.factories import StandardPageFactory
from tests.home.test_languages import links_in

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    entries = {}
    # The site's own sitemap, made by Django's sitemap framework.
    for url in ET.fromstring(response.content).iter(f"{SITEMAP}url"):  # nosec B314
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        entries[url.find(f"{SITEMAP}loc").text] = alternates
    return entries


@pytest.fixture
def site_pages(home, spanish_home, spanish, translate_now):
    translated = StandardPageFactory(parent=home, title="How we win", slug="how-we-win")
    translate_now(translated, spanish, {"How we win": "Cómo ganamos"})
    StandardPageFactory(parent=home, title="Only in English", slug="only-english")
    draft = StandardPageFactory(parent=home, title="Draft in Spanish", slug="draft-es")
    translate_now(draft, spanish, {"Draft in Spanish": "Borrador"}, publish=False)


def test_sitemap_lists_every_live_page_in_both_languages(client, site_pages):
    assert set(sitemap_entries(client)) == {
        "http://testserver/en/",
        "http://testserver/es/",
        "http://testserver/en/how-we-win/",
        "http://testserver/es/how-we-win/",
        "http://testserver/en/only-english/",
        "http://testserver/en/draft-es/",
    }


def test_sitemap_alternates_link_translations_to_each_other(client, site_pages):
    entries = sitemap_entries(client)
    both = {
        "en": "http://testserver/en/how-we-win/",
        "es": "http://testserver/es/how-we-win/",
        "x-default": "http://testserver/en/how-we-win/",
    }
    assert entries["http://testserver/en/how-we-win/"] == both
    assert entries["http://testserver/es/how-we-win/"] == both
    assert "es" not in entries["http://testserver/en/only-english/"]


def test_every_page_links_the_same_alternates_as_the_sitemap(client, site_pages):
    for location, alternates in sitemap_entries(client).items():
        html = client.get(location).content.decode()
        assert links_in(html, "alternate") == alternates, location
