"""`manage.py load_demo_content`: the whole demo site `make run` builds, in English and Spanish.

The blog and library (tests/resources/test_demo_content.py) and the petitions
(tests/petitions/test_demo_content.py) have tests of their own.
"""

from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.models import Page, Revision
from wagtail_localize.models import (
    SegmentOverride,
    StringTranslation,
    Translation,
    TranslationSource,
)

from demo.data import load
from home.models import ExternalLinkNotice, Footer, Header, HomePage, StandardPage
from resources.models import Category, Partner, ResourceDocument

pytestmark = pytest.mark.django_db

SNIPPETS = (Header, Footer, ExternalLinkNotice, Category, Partner)


def page_counts():
    """How many pages of each type there are in each language, e.g. {("home.HomePage", "en"): 1}."""
    counts = Counter(
        Page.objects.filter(depth__gt=1).values_list("content_type", "locale__language_code")
    )
    return {
        (ContentType.objects.get_for_id(content_type).model_class()._meta.label, language): count
        for (content_type, language), count in counts.items()
    }


def expected_page_counts():
    """The pages the data files describe: an English page each, a Spanish one where "es" is."""
    resources = load("resources")
    posts = load("blog_posts")["blog_posts"] + [
        item for item in resources["items"] if item["kind"] == "post"
    ]
    petitions = load("petitions")["petitions"]
    standard_pages = [resources["expanding_sanctuary"], load("long_form_page")["page"]]
    entries = {
        "home.StandardPage": standard_pages,
        "resources.BlogPage": posts,
        "resources.ReportPage": [item for item in resources["items"] if item["kind"] == "report"],
        "resources.ToolkitPage": [item for item in resources["items"] if item["kind"] == "toolkit"],
        "petitions.PetitionPage": petitions,
    }
    counts = {}
    for label, items in entries.items():
        counts[label, "en"] = len(items)
        counts[label, "es"] = sum("es" in item for item in items)
    for label in (
        "home.HomePage",
        "resources.BlogIndexPage",
        "resources.ResourceIndexPage",
        "petitions.PetitionIndexPage",
    ):
        counts[label, "en"] = counts[label, "es"] = 1
    return counts


def documents_in_data():
    """Every file the data names, for English pages and swapped in for Spanish ones."""
    files = []
    for item in load("resources")["items"]:
        lists = [(item.get("documents", []), item.get("es", {}).get("documents", []))]
        lists += [
            (section["documents"], spanish["documents"])
            for section, spanish in zip(
                item.get("sections", []), item.get("es", {}).get("sections", []), strict=True
            )
        ]
        for english, spanish in lists:
            files += [entry for entry in english + spanish if "filename" in entry]
    return files


def snapshot():
    """Everything a run could add, change or duplicate."""
    return {
        "pages": sorted(
            Page.objects.values_list("pk", "locale__language_code", "title", "live", "numchild")
        ),
        "revisions": sorted(Revision.objects.values_list("pk", flat=True)),
        "images": sorted(Image.objects.values_list("pk", "title")),
        "documents": sorted(ResourceDocument.objects.values_list("pk", "title", "language")),
        "snippets": {
            model._meta.label: sorted(model.objects.values_list("pk", "locale_id"))
            for model in SNIPPETS
        },
        "translation sources": sorted(TranslationSource.objects.values_list("pk", flat=True)),
        "translations": sorted(Translation.objects.values_list("pk", flat=True)),
        "string translations": StringTranslation.objects.count(),
        "overrides": SegmentOverride.objects.count(),
        "redirects": Redirect.objects.count(),
        "menus": [list(header.menu.raw_data) for header in Header.objects.order_by("pk")],
        "featured": [
            list(home.featured_items.raw_data) for home in HomePage.objects.order_by("pk")
        ],
    }


def sizes(state):
    """A snapshot's counts: the same site rebuilt has the same sizes, with new ids."""
    return {
        key: {label: len(rows) for label, rows in value.items()}
        if isinstance(value, dict)
        else (len(value) if isinstance(value, list) else value)
        for key, value in state.items()
    }


def test_empty_database_gets_exactly_the_pages_of_the_data_in_each_language(demo_site):
    assert page_counts() == expected_page_counts()
    assert not Page.objects.filter(live=False).exists()
    images = load("long_form_page")["images"] + load("blog_posts")["images"]
    assert Image.objects.count() == len(images + load("resources")["images"])
    assert ResourceDocument.objects.count() == len(documents_in_data())
    snippets_in_data = {
        Header: 1,
        Footer: 1,
        ExternalLinkNotice: 1,
        Category: len(load("blog_posts")["categories"]),
        Partner: len(load("resources")["partners"]),
    }
    for model, count in snippets_in_data.items():
        languages = Counter(model.objects.values_list("locale__language_code", flat=True))
        assert languages == {"en": count, "es": count}, model


def test_command_reports_the_count_of_each_page_type_in_each_language(demo_site):
    for (label, language), count in page_counts().items():
        if language == "en":
            spanish = page_counts().get((label, "es"), 0)
            assert f"{label}: {count} English, {spanish} Spanish" in demo_site
    assert "Left out links" not in demo_site
    assert len(demo_site.splitlines()) < 25


def test_second_run_changes_and_duplicates_nothing(demo_site, load_demo):
    before = snapshot()

    load_demo()

    assert snapshot() == before


def test_reset_rebuilds_the_same_site_from_scratch(demo_site, load_demo, settings, tmp_path):
    before = snapshot()
    # A media folder of its own, so that the files of the demo the module shares stay.
    settings.MEDIA_ROOT = str(tmp_path)

    load_demo("--reset")

    after = snapshot()
    assert page_counts() == expected_page_counts()
    assert Page.find_problems() == ([], [], [], [], [])
    kept = {pk for pk, *_rest in after["pages"]} & {pk for pk, *_rest in before["pages"]}
    root_and_home = Page.objects.filter(depth__lte=2, locale__language_code="en")
    assert kept == set(root_and_home.values_list("pk", flat=True))
    # The English home page stays, with one revision more: the rebuilt home page.
    assert sizes(after) == {**sizes(before), "revisions": len(before["revisions"]) + 1}


def test_every_spanish_page_and_snippet_is_a_complete_wagtail_localize_translation(
    demo_site, english, spanish
):
    translated = [*Page.objects.filter(locale=spanish, depth__gt=1)]
    for model in SNIPPETS:
        translated += list(model.objects.filter(locale=spanish))
    assert translated

    for instance in translated:
        source = TranslationSource.objects.get(object_id=instance.translation_key, locale=english)
        translation = Translation.objects.get(source=source, target_locale=spanish)
        total, done = translation.get_progress()
        assert total == done > 0, f"{instance} is not fully translated"


def test_translation_editor_shows_a_spanish_page_of_each_type_fully_translated(
    demo_site, translation_editor, spanish
):
    one_of_each_type = {
        page.content_type_id: page for page in Page.objects.filter(locale=spanish, depth__gt=1)
    }
    for page in one_of_each_type.values():
        props = translation_editor(page)
        strings = {segment["id"] for segment in props["segments"] if segment["type"] == "string"}
        translated = {
            translation["segment_id"] for translation in props["initialStringTranslations"]
        }
        assert strings and strings == translated, page.url_path


def test_every_page_answers_in_both_languages(demo_site, client):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_every_link_resolves_on_the_first_run(demo_site, client, english):
    menu = load("site")["header"]
    english_html = client.get("/en/").content.decode()
    spanish_html = client.get("/es/").content.decode()
    for english_link, spanish_link in zip(menu["en"]["menu"], menu["es"]["menu"], strict=True):
        page = Page.objects.get(locale=english, slug=english_link["value"]["page_slug"])
        localized = page.localized
        assert f'<a href="{page.url}">{english_link["value"]["label"]}</a>' in english_html
        assert f'<a href="{localized.url}">{spanish_link["value"]["label"]}</a>' in spanish_html
    featured = HomePage.objects.get(locale=english, depth=2).featured()
    assert len(featured) == len(load("site")["home"]["featured"])


def test_long_form_page_links_to_the_resources_in_the_readers_language(
    demo_site, client, english, spanish
):
    entry = load("long_form_page")["page"]
    (block,) = (b for b in entry["body"] if b["type"] == "related_links")
    page = StandardPage.objects.get(locale=english, slug=entry["slug"])

    english_html = client.get(page.url).content.decode()
    spanish_html = client.get(page.get_translation(spanish).url).content.decode()

    for link in block["value"]["links"]:
        if "url" in link:
            assert f'<a href="{link["url"]}">{escape(link["label"])}</a>' in english_html
            continue
        resource = Page.objects.get(locale=english, slug=link["resource_slug"])
        assert f'<a href="{resource.url}">{escape(link["label"])}</a>' in english_html
        assert f'href="{resource.get_translation(spanish).url}"' in spanish_html


def test_spanish_long_form_page_shows_the_spanish_text(demo_site, client, english, spanish):
    entry = load("long_form_page")["page"]
    spanish_page = StandardPage.objects.get(locale=english, slug=entry["slug"]).get_translation(
        spanish
    )
    assert spanish_page.title == entry["es"]["title"]
    assert spanish_page.slug == entry["es"]["slug"]
    html = client.get(spanish_page.url).content.decode()
    headings = [b["value"]["text"] for b in entry["es"]["body"] if b["type"] == "heading"]
    for heading in headings:
        assert f"<h2>{heading}</h2>" in html
    assert entry["es"]["intro"] in html
    assert entry["intro"] not in html


def test_long_form_images_show_alt_text_in_the_readers_language(
    demo_site, client, english, spanish
):
    images = load("long_form_page")["images"]
    page = StandardPage.objects.get(locale=english, slug=load("long_form_page")["page"]["slug"])

    english_html = client.get(page.url).content.decode()
    spanish_html = client.get(page.get_translation(spanish).url).content.decode()

    for image in images:
        assert Image.objects.get(title=image["title"]).description == image["alt"]["en"]
        assert f'alt="{image["alt"]["en"]}"' in english_html
        assert f'alt="{image["alt"]["es"]}"' in spanish_html


def test_footer_shows_the_legal_line_and_social_links_in_both_languages(demo_site, client):
    footer = load("site")["footer"]

    english_html = client.get("/en/").content.decode()
    spanish_html = client.get("/es/").content.decode()

    assert footer["en"]["legal_disclaimer"] in english_html
    assert footer["es"]["legal_disclaimer"] in spanish_html
    for link in footer["en"]["social_links"]:
        assert f'href="{link["value"]["url"]}"' in english_html
        assert f'href="{link["value"]["url"]}"' in spanish_html


def test_demo_external_link_notice_exists_in_both_languages_with_its_domains(demo_site, client):
    notices = {
        n.locale.language_code: n for n in ExternalLinkNotice.objects.select_related("locale")
    }
    assert set(notices) == {"en", "es"}
    assert "Mijente Support Committee" in notices["en"].text
    assert (
        notices["es"].domain_list == notices["en"].domain_list == ["mijente.org", "www.mijente.org"]
    )
    assert notices["es"].heading == "Estás saliendo de este sitio"
    response = client.get("/es/saliendo/", {"url": "https://mijente.org/"})
    assert response.status_code == 200
    assert "Continuar" in response.content.decode()
