"""The demo data files: what the seeds hold, cleaned of scraping artifacts, in two languages.

The comparisons with the seed files read them from ../shared/seeds beside the project (or
from SEEDS_DIR). `make run` never needs them, so on a developer's machine without them
those tests skip; CI (.ci/run) sets SEEDS_DIR, and there a missing seed fails.
"""

import json
import os
import re
from datetime import date, datetime
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import strip_tags

from demo.data import data_files
from demo.data import load as data
from demo.localization import string_pairs
from tests.services import require

SEEDS_DIR = Path(os.environ.get("SEEDS_DIR", Path(settings.BASE_DIR).parent / "shared" / "seeds"))


@pytest.fixture
def seeds():
    require(SEEDS_DIR.is_dir(), f"The seed files are not at {SEEDS_DIR} (set SEEDS_DIR).")


needs_seeds = pytest.mark.usefixtures("seeds")

SPANISH_WORDS = {"el", "la", "los", "las", "que", "de", "del", "y", "por", "para", "con", "una"}
ENGLISH_WORDS = {"the", "and", "of", "to", "that", "with", "for", "is", "are", "this", "our"}


def seed(prefix):
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def letters(text):
    """Letters and digits only, lower case: text compared regardless of spacing and quotes."""
    return "".join(character for character in text.lower() if character.isalnum())


def paragraphs(body):
    """The text of every rich-text paragraph and list item in a body."""
    texts = []
    for block in body:
        if block["type"] == "paragraph":
            parts = re.split(r"</(?:p|li)>", block["value"])
            texts.extend(unescape(strip_tags(part)).strip() for part in parts if strip_tags(part))
    return texts


def language_of(text):
    """'en' or 'es' by the commonest little words, or None for text too short to tell."""
    words = re.findall(r"[a-záéíóúñü]+", text.lower())
    spanish = sum(word in SPANISH_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS for word in words)
    if spanish + english < 3:
        return None
    return "es" if spanish > english else "en"


def count(text):
    return int(text.replace(",", ""))


def petitions():
    return data("petitions")["petitions"]


def petition(source, order):
    (found,) = (p for p in petitions() if p["source"] == source and p["order"] == order)
    return found


def translated_entries():
    """Every (English, Spanish) pair of field dicts the loader translates."""
    site = data("site")
    for key in ("header", "footer", "home", "blog_index", "resource_index", "petition_index"):
        yield key, site[key]["en"], site[key]["es"]
    notice = data("external_link_notice")
    yield "external_link_notice", notice["en"], notice["es"]
    for entry in data("blog_posts")["categories"] + data("resources")["partners"]:
        yield entry["en"]["name"], entry["en"], entry["es"]
    page = data("long_form_page")["page"]
    yield page["slug"], page, page["es"]
    entries = data("blog_posts")["blog_posts"] + petitions() + data("resources")["items"]
    for entry in entries:
        if "es" in entry:
            yield entry["slug"], entry, entry["es"]


def test_data_files_hold_every_item_of_the_seeds():
    assert len(data("blog_posts")["blog_posts"]) == 10
    assert [p["source"] for p in petitions()].count("002") == 12
    assert [p["source"] for p in petitions()].count("003") == 12
    items = data("resources")["items"]
    assert len([item for item in items if item["source"] == "004"]) == 9


def test_spanish_versions_cover_what_the_site_translates():
    posts = data("blog_posts")["blog_posts"]
    assert sum("es" in post for post in posts) >= 5
    downloads = [item for item in data("resources")["items"] if item["kind"] != "post"]
    assert downloads and all("es" in item for item in downloads)
    assert "es" in data("long_form_page")["page"]
    assert {"blog_index", "petition_index"} <= set(data("site"))


@pytest.mark.parametrize(("name", "english", "spanish"), list(translated_entries()))
def test_spanish_version_pairs_up_with_the_english_segment_by_segment(name, english, spanish):
    """string_pairs raises a ValueError where blocks or segments differ between languages."""
    pairs = string_pairs(english, spanish)
    assert pairs
    if "title" in english:
        assert pairs[english["title"]] == spanish["title"]


def test_every_page_slug_is_unique_so_links_by_slug_find_one_page():
    long_form = data("long_form_page")["page"]
    resources = data("resources")
    entries = [
        long_form,
        resources["expanding_sanctuary"],
        *data("blog_posts")["blog_posts"],
        *petitions(),
        *resources["items"],
    ]
    site = data("site")
    slugs = [entry["slug"] for entry in entries] + [
        site[key]["en"]["slug"] for key in ("blog_index", "resource_index", "petition_index")
    ]
    assert len(slugs) == len(set(slugs))


def test_every_link_by_slug_names_a_page_of_the_demo():
    raw = "".join(path.read_text(encoding="utf-8") for path in data_files().values())
    named = set(re.findall(r'"(?:page|resource|petition)_slug": "([^"]+)"', raw))
    slugs = set(re.findall(r'"slug": "([^"]+)"', raw))
    assert named and named <= slugs


def test_every_post_and_resource_has_a_placeholder_image_with_alt_text_in_both_languages():
    images = {
        image["key"]: image for image in data("blog_posts")["images"] + data("resources")["images"]
    }
    entries = data("blog_posts")["blog_posts"] + data("resources")["items"]
    assert {entry["image"] for entry in entries} == set(images)
    for image in images.values():
        assert image["alt"]["en"] and image["alt"]["es"]


def test_every_post_is_in_a_category_the_data_translates():
    names = {entry["en"]["name"] for entry in data("blog_posts")["categories"]}
    posts = data("blog_posts")["blog_posts"] + [
        item for item in data("resources")["items"] if item["kind"] == "post"
    ]
    assert {name for post in posts for name in post["categories"]} == names


def test_every_file_has_its_language_name_and_pages_and_the_spanish_version_its_label():
    partners = {entry["en"]["name"] for entry in data("resources")["partners"]}
    for item in data("resources")["items"]:
        pairs = [(item.get("documents", []), item.get("es", {}).get("documents", []))] + [
            (section["documents"], spanish["documents"])
            for section, spanish in zip(
                item.get("sections", []), item.get("es", {}).get("sections", []), strict=True
            )
        ]
        for english, spanish in pairs:
            assert len(english) == len(spanish)
            for entry in english + [entry for entry in spanish if "filename" in entry]:
                assert entry["language"] in ("en", "es")
                assert entry["filename"].endswith(".pdf") and entry["pages"] > 0
            assert all(entry["label"] for entry in spanish)
        assert set(item.get("partner_organisations", [])) <= partners


def test_long_form_images_have_alt_text_in_both_languages():
    long_form = data("long_form_page")
    keys = {
        block["value"]["image"] for block in long_form["page"]["body"] if block["type"] == "image"
    }
    images = {image["key"]: image for image in long_form["images"]}
    assert keys and keys == set(images)
    for image in images.values():
        assert (
            image["alt"]["en"] and image["alt"]["es"] and image["alt"]["en"] != image["alt"]["es"]
        )


def test_count_glued_to_a_url_is_split_into_count_and_url():
    therapists = petition("002", 8)
    assert therapists["signatures_collected_elsewhere"] == 159
    assert therapists["goal"] == 200
    last_url = re.findall(r'href="([^"]+)"', therapists["body"][-1]["value"])[-1]
    assert last_url.endswith("-lawsuit-n885386")


def test_no_creator_keeps_the_stray_word_picture():
    creators = [p["created_by"] for p in petitions()]
    assert "Resistencia N." in creators
    assert not [creator for creator in creators if "Picture" in creator]


def test_petition_bodies_hold_one_language_each():
    for entry in petitions():
        for text in paragraphs(entry["body"]):
            assert language_of(text) in ("en", None), (entry["slug"], text[:80])
        for text in paragraphs(entry.get("es", {}).get("body", [])):
            assert language_of(text) in ("es", None), (entry["slug"], text[:80])


def test_petitions_with_spanish_text_are_split_into_english_and_spanish():
    bilingual = {(p["source"], p["order"]) for p in petitions() if "es" in p}
    assert bilingual == {("002", 7), ("003", 3), ("003", 9)}
    tacoma = petition("002", 7)
    assert "El 6 de julio" not in json.dumps(tacoma["body"], ensure_ascii=False)
    assert tacoma["es"]["body"][0]["value"].startswith("<p>El 6 de julio")
    connecticut = petition("003", 3)
    assert "ESPAÑOL" not in json.dumps(connecticut, ensure_ascii=False)
    assert "---" not in json.dumps(petition("003", 9), ensure_ascii=False)


def test_petitions_say_what_a_petition_page_needs():
    for entry in petitions():
        assert entry["title"] and entry["summary"] and entry["body"]
        assert 0 < entry["signatures_collected_elsewhere"] < entry["goal"]
        assert entry["status"] == "open"
        assert entry["share_text"] and entry["thank_you_message"]
        assert entry["summary"] in " ".join(paragraphs(entry["body"]))


@needs_seeds
def test_petitions_of_seed_002_match_its_titles_counts_and_creators():
    lines = seed("002").splitlines()
    assert len(lines) == 12
    for order, line in enumerate(lines, start=1):
        entry = petition("002", order)
        assert line.startswith(entry["title"])
        digits, goal, creator = re.search(
            r"(\d[\d,]*) of ([\d,]+) SignaturesCreated by (.+)$", line
        ).groups()
        url_digits = re.findall(r"-n(\d+)\"", entry["body"][-1]["value"])
        if url_digits and digits.startswith(url_digits[-1]):
            digits = digits[len(url_digits[-1]) :]
        assert count(digits) == entry["signatures_collected_elsewhere"]
        assert count(goal) == entry["goal"]
        assert creator == entry["created_by"]


@needs_seeds
def test_petitions_of_seed_003_match_its_titles_counts_and_creators():
    lines = [line.strip() for line in seed("003").splitlines()]
    assert len(lines) == 48
    for order in range(1, 13):
        title, _body, counts, creator = lines[4 * (order - 1) : 4 * order]
        entry = petition("003", order)
        assert title == f"• {entry['title']}"
        signatures, goal = re.fullmatch(r"([\d,]+) of ([\d,]+) Signatures", counts).groups()
        assert count(signatures) == entry["signatures_collected_elsewhere"]
        assert count(goal) == entry["goal"]
        assert creator.removesuffix(" Picture") == f"Created by {entry['created_by']}"


@needs_seeds
def test_english_petition_text_comes_from_the_seeds():
    seeds = letters(seed("002") + seed("003"))
    for entry in petitions():
        for text in paragraphs(entry["body"]):
            assert letters(text) in seeds, (entry["slug"], text[:80])


@needs_seeds
def test_blog_posts_match_the_seed_titles_dates_and_excerpts():
    archive = seed("000").splitlines()
    for post in data("blog_posts")["blog_posts"]:
        index = archive.index(post["title"])
        date_line, excerpt = [line for line in archive[index + 1 :] if line.strip()][:2]
        day = re.sub(r"(\d)(st|nd|rd|th),", r"\1,", date_line)
        assert datetime.strptime(day, "%B %d, %Y").date() == date.fromisoformat(
            post["publication_date"]
        )
        assert letters(post["intro"]) in letters(excerpt)


@needs_seeds
def test_footer_legal_line_and_external_link_notice_are_the_seeds_words():
    text = seed("004")
    assert data("site")["footer"]["en"]["legal_disclaimer"] == text.strip().splitlines()[-1]
    notice = data("external_link_notice")["en"]
    assert notice["heading"] in text and notice["text"] in text
