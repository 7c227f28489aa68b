"""string_pairs: English and Spanish field values paired into the segments translators see."""

import pytest

from demo.localization import string_pairs


def body(heading, paragraph, caption, alt_text, label):
    return [
        {"type": "heading", "value": {"text": heading, "level": "h2"}},
        {"type": "paragraph", "value": paragraph},
        {
            "type": "image",
            "value": {
                "image": {"image": 1, "decorative": False, "alt_text": alt_text},
                "caption": caption,
                "credit": "",
            },
        },
        {
            "type": "related_links",
            "value": {"heading": "", "links": [{"page": 2, "url": "", "label": label}]},
        },
    ]


def test_streamfield_blocks_pair_up_block_by_block():
    english = body(
        "Know your rights", "<p>One.</p><ul><li>Two</li></ul>", "A march", "People march", "Read"
    )
    spanish = body(
        "Conoce tus derechos", "<p>Uno.</p><ul><li>Dos</li></ul>", "Una marcha", "Gente", "Lee"
    )

    pairs = string_pairs({"body": english}, {"body": spanish})

    assert pairs["Know your rights"] == "Conoce tus derechos"
    assert pairs["One."] == "Uno."
    assert pairs["Two"] == "Dos"
    assert pairs["A march"] == "Una marcha"
    assert pairs["People march"] == "Gente"
    assert pairs["Read"] == "Lee"


def test_blocks_missing_from_the_translation_raise_instead_of_staying_english():
    english = body("Heading", "<p>One.</p>", "", "Alt", "Read")

    with pytest.raises(ValueError, match=r"body: 4 items in the source, 3 translated"):
        string_pairs({"body": english}, {"body": english[:3]})


def test_rich_text_with_fewer_translated_paragraphs_raises():
    with pytest.raises(ValueError, match="2 segments in the source, 1 translated"):
        string_pairs({"intro": "<p>One.</p><p>Two.</p>"}, {"intro": "<p>Uno. Dos.</p>"})


def test_one_english_text_with_two_translations_raises():
    with pytest.raises(ValueError, match="translated both as"):
        string_pairs({"title": "Blog", "label": "Blog"}, {"title": "Blog", "label": "Bitácora"})


@pytest.mark.django_db
def test_plain_text_pairs_up_as_the_html_wagtail_localize_stores(home, spanish, translate_now):
    home.hero_heading = "Organize & win"
    home.save_revision().publish()

    pairs = string_pairs({"hero_heading": "Organize & win"}, {"hero_heading": "Organízate & gana"})
    spanish_home = translate_now(home, spanish, pairs)

    assert spanish_home.hero_heading == "Organízate & gana"
