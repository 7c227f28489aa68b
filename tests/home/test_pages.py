"""The home page and standard pages, as editors build them and visitors read them."""

import re

import pytest
from wagtail.models import Page

from home.models import HomePage, StandardPage
from tests.home.factories import StandardPageFactory
from tests.resources.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_fresh_database_has_both_locales_and_an_english_home_page(english, spanish):
    home = HomePage.objects.get(depth=2)
    assert home.locale == english
    assert {locale.language_code for locale in (english, spanish)} == {"en", "es"}


def test_standard_page_renders_every_body_block(client, home):
    StandardPageFactory(
        parent=home,
        slug="how-we-win",
        title="How we win",
        intro="Organizing with Mijente.",
        body=[
            ("heading", {"text": "Our approach", "level": "h2"}),
            ("paragraph", "<p>We build power.</p>"),
            ("quote", {"quote": "Not one more.", "attribution": "Marisa Franco"}),
            (
                "call_to_action",
                {
                    "heading": "Join us",
                    "text": "Sign up.",
                    "link": {"page": None, "url": "https://example.org/join", "label": "Join"},
                },
            ),
            (
                "related_links",
                {
                    "heading": "For more information",
                    "links": [{"page": home, "url": "", "label": ""}],
                },
            ),
        ],
    )
    html = client.get("/en/how-we-win/").content.decode()
    assert "<h1>How we win</h1>" in html
    assert "<h2>Our approach</h2>" in html
    assert "<p>We build power.</p>" in html
    assert "Not one more." in html and "Marisa Franco" in html
    assert '<a class="button" href="https://example.org/join">Join</a>' in html
    assert '<a href="/en/">Home</a>' in html


def test_picture_opening_a_page_loads_at_once_and_later_ones_lazily(client, home):
    image = ImageFactory()
    picture = {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": False, "alt_text": "A march"},
            "caption": "",
            "credit": "",
        },
    }
    paragraph = {"type": "paragraph", "value": "<p>We build power.</p>"}
    StandardPageFactory(parent=home, slug="march", body=[picture, paragraph, picture])

    html = client.get("/en/march/").content.decode()
    first, later = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert 'loading="eager"' in first
    assert 'loading="lazy"' in later
    assert re.search(r'type="image/avif"', first) and 'sizes="(min-width: 50rem) 48rem' in first


def test_links_in_a_spanish_page_point_at_spanish_pages(
    translate_now, client, home, spanish_home, spanish
):
    page = StandardPageFactory(
        parent=home,
        slug="links",
        title="Links",
        body=[
            (
                "related_links",
                {"heading": "More", "links": [{"page": home, "url": "", "label": ""}]},
            )
        ],
    )
    translate_now(page, spanish, {"Links": "Enlaces", "More": "Más"})
    html = client.get("/es/links/").content.decode()
    assert '<a href="/es/">Inicio</a>' in html


def test_home_page_features_the_translation_where_it_exists(
    translate_now, client, home, spanish_home, spanish
):
    translated = StandardPageFactory(parent=home, slug="translated", title="Translated")
    translate_now(translated, spanish, {"Translated": "Traducida"})
    untranslated = StandardPageFactory(parent=home, slug="untranslated", title="Untranslated")
    home.featured_items = [
        ("featured_page", {"page": translated, "blurb": ""}),
        ("featured_page", {"page": untranslated, "blurb": ""}),
    ]
    home.save_revision().publish()
    translate_now(home, spanish, {})

    html = client.get("/es/").content.decode()
    assert "Traducida" in html
    assert "Untranslated" in html
    assert html.index("Traducida") < html.index("Untranslated")


def test_featured_card_without_a_blurb_shows_the_pages_own_summary(client, home):
    campaign = StandardPageFactory(parent=home, slug="ale", intro="Tell ICE to let Ale stay.")
    written = StandardPageFactory(parent=home, slug="read", intro="Not shown.")
    home.featured_items = [
        ("featured_page", {"page": campaign, "blurb": ""}),
        ("featured_page", {"page": written, "blurb": "Our editors' pick."}),
    ]
    home.save_revision().publish()

    html = client.get("/en/").content.decode()
    assert "<p>Tell ICE to let Ale stay.</p>" in html
    assert "<p>Our editors&#x27; pick.</p>" in html
    assert "Not shown." not in html


def test_editors_can_only_create_pages_where_they_belong(home):
    root = Page.objects.get(depth=1)
    about = StandardPageFactory(parent=home, slug="about")
    places = [root, home, about]
    assert [place for place in places if HomePage.can_create_at(place)] == [root]
    assert [place for place in places if StandardPage.can_create_at(place)] == [home, about]
