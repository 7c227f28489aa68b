"""What search engines and social networks read from every page."""

import re

import factory
import pytest
from django.conf import settings
from wagtail.images import get_image_model

from tests.home.factories import StandardPageFactory
from tests.resources.factories import BlogIndexPageFactory, BlogPageFactory, ImageFactory

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


@pytest.fixture
def picture():
    """A picture larger than a share card, and not of its shape."""
    return ImageFactory(
        description="Marchers outside the ICE office",
        file=factory.django.ImageField(width=1600, height=900),
    )


@pytest.fixture
def post_in_both_languages(home, spanish_home, spanish, translate_now):
    """post_in_both_languages(image=..., image_alt=...): /en/blog/march/ and /es/blog/march/."""
    blog = BlogIndexPageFactory(parent=home, slug="blog")
    translate_now(blog, spanish, {})

    def make(**fields):
        post = BlogPageFactory(parent=blog, slug="march", title="We marched", **fields)
        translate_now(
            post,
            spanish,
            {
                "We marched": "Marchamos",
                "Thousands march past the ICE office.": "Miles marchan frente a la oficina de ICE.",
            },
        )
        return post

    return make


def share_card(client, url):
    """The share image of the page at `url`: its rendition (or None), URL and alt text."""
    html = client.get(url).content.decode()
    image_url = meta(html, "property", "og:image")
    assert meta(html, "name", "twitter:image") == image_url
    path = image_url.removeprefix(f"http://testserver{settings.MEDIA_URL}")
    rendition = get_image_model().get_rendition_model().objects.filter(file=path).first()
    return rendition, image_url, meta(html, "property", "og:image:alt")


def test_share_card_is_the_posts_picture_cropped_for_social_networks(
    client, post_in_both_languages, picture
):
    post_in_both_languages(image=picture, image_alt="Thousands march past the ICE office.")

    for url, alt in [
        ("/en/blog/march/", "Thousands march past the ICE office."),
        ("/es/blog/march/", "Miles marchan frente a la oficina de ICE."),
    ]:
        rendition, image_url, image_alt = share_card(client, url)
        assert image_url.startswith("http://testserver/media/images/")
        assert image_url.endswith(".jpg")
        assert rendition.image == picture
        assert (rendition.width, rendition.height) == (1200, 630)
        assert image_alt == alt


def test_share_card_alt_is_the_pictures_description_when_the_page_gives_none(
    client, post_in_both_languages, picture
):
    post_in_both_languages(image=picture, image_alt="")
    rendition, _, image_alt = share_card(client, "/en/blog/march/")
    assert rendition.image == picture
    assert image_alt == "Marchers outside the ICE office"


def test_share_card_is_the_sites_picture_for_a_post_without_one(
    client, post_in_both_languages, chrome
):
    post_in_both_languages(image=None)
    rendition, image_url, image_alt = share_card(client, "/en/blog/march/")
    assert rendition is None
    assert image_url == "http://testserver/static/images/share-default.png"
    assert image_alt == "Mijente"


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
