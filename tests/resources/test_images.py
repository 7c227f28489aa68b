"""Pictures come in several widths for the screen at hand, and load lazily below the fold."""

import re

import pytest

from tests.resources.factories import BlogPageFactory, ImageFactory

pytestmark = pytest.mark.django_db


def img_tags(html):
    return re.findall(r"<img [^>]*>", html)


def test_blog_cards_offer_three_widths_and_only_the_first_loads_at_once(client, blog):
    image = ImageFactory(file__width=1600, file__height=900)
    for number in range(3):
        BlogPageFactory(parent=blog, slug=f"post-{number}", image=image, image_alt="A march")

    cards = img_tags(client.get("/en/blog/").content.decode())
    assert len(cards) == 3
    for card in cards:
        assert re.search(r'srcset="[^"]+ 320w, [^"]+ 640w, [^"]+ 960w"', card)
        assert 'sizes="(min-width: 64rem) 20rem, (min-width: 48rem) 50vw, 100vw"' in card
        assert 'alt="A march"' in card
    assert ['loading="eager"' in card for card in cards] == [True, False, False]
    assert ['loading="lazy"' in card for card in cards] == [False, True, True]


def test_post_hero_loads_at_once_and_pictures_in_the_text_load_lazily(client, blog):
    image = ImageFactory(file__width=1600, file__height=900)
    picture = {"image": image.pk, "decorative": False, "alt_text": "Marchers downtown"}
    BlogPageFactory(
        parent=blog,
        slug="march",
        image=image,
        image_alt="Our banner",
        body=[{"type": "image", "value": {"image": picture, "caption": "", "credit": ""}}],
    )

    hero, in_text = img_tags(client.get("/en/blog/march/").content.decode())
    assert 'alt="Our banner"' in hero and "loading" not in hero
    assert re.search(r'srcset="[^"]+ 400w, [^"]+ 800w, [^"]+ 1200w"', hero)
    assert 'alt="Marchers downtown"' in in_text and 'loading="lazy"' in in_text
