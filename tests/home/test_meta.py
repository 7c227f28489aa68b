"""What search engines and social networks read from every page."""

import re

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_page_has_title_description_and_social_card(client, home, chrome):
    StandardPageFactory(
        parent=home, slug="how-we-win", title="How we win", intro="Organizing with <b>Mijente</b>."
    )
    html = client.get("/en/how-we-win/").content.decode()
    assert meta(html, "name", "description") == "Organizing with Mijente."
    assert meta(html, "property", "og:title") == "How we win"
    assert meta(html, "property", "og:url") == "http://testserver/en/how-we-win/"
    assert meta(html, "property", "og:site_name") == "Mijente"
    assert meta(html, "property", "og:locale") == "en_US"
    assert meta(html, "property", "og:locale:alternate") == "es_LA"
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "property", "og:image") == "http://testserver/static/images/share-default.png"


def test_spanish_page_card_is_spanish(client, spanish_home, chrome):
    html = client.get("/es/").content.decode()
    assert meta(html, "property", "og:title") == "Inicio"
    assert meta(html, "property", "og:locale") == "es_LA"


def test_share_image_comes_from_the_page_when_it_has_one(client, home, monkeypatch):
    image = Image.objects.create(title="March", file=get_test_image_file(size=(1600, 900)))
    page = StandardPageFactory(parent=home, slug="march", title="March")
    monkeypatch.setattr(type(page), "social_image", image, raising=False)
    html = client.get("/en/march/").content.decode()
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.jpg">', html
    )


def test_every_page_links_its_favicons(client, home):
    html = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/images/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/images/apple-touch-icon.png">' in html
    assert client.get("/static/images/favicon.svg").status_code == 200


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /es/saliendo/" in body
