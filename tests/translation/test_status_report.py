"""The translation status report: every English page with the state of its Spanish version."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.localization import translate
from home.models import StandardPage
from home.translation_status import IN_PROGRESS, MISSING, OUT_OF_DATE, UP_TO_DATE
from tests.home.factories import StandardPageFactory
from tests.translation.workflow import read_status_report, translation_of

pytestmark = pytest.mark.django_db


def every_segment(page, spanish_title):
    """Spanish for every segment of a factory-made standard page, its URL slug included."""
    return {
        page.title: spanish_title,
        page.slug: f"{page.slug}-es",
        page.intro: "Una introducción.",
    }


@pytest.fixture
def pages(home, spanish_home, spanish, translate_now):
    """One English page in each state."""
    missing = StandardPageFactory(parent=home, title="Missing page")

    in_progress = StandardPageFactory(parent=home, title="Half done")
    translate_now(in_progress, spanish, {"Half done": "A medias"}, publish=False)

    up_to_date = StandardPageFactory(parent=home, title="Finished")
    translate_now(up_to_date, spanish, every_segment(up_to_date, "Terminada"))

    out_of_date = StandardPageFactory(parent=home, title="Changed since")
    translate_now(out_of_date, spanish, every_segment(out_of_date, "Cambiada"))
    out_of_date.intro = "A new introduction."
    out_of_date.save_revision().publish()

    return {
        MISSING: missing,
        IN_PROGRESS: in_progress,
        UP_TO_DATE: up_to_date,
        OUT_OF_DATE: out_of_date,
    }


def test_report_shows_each_english_page_with_its_spanish_state(editor_client, pages):
    rows, _counts = read_status_report(editor_client)
    for state, page in pages.items():
        assert rows[page.title].state == state, page.title


def test_each_row_links_to_the_action_that_moves_it_on(editor_client, pages, spanish):
    rows, _counts = read_status_report(editor_client)

    missing = pages[MISSING]
    submit = reverse("wagtail_localize:submit_page_translation", args=[missing.pk])
    assert rows[missing.title].action_url == f"{submit}?select_locale=es"

    source = translation_of(pages[OUT_OF_DATE]).source
    sync = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert rows[pages[OUT_OF_DATE].title].action_url.startswith(f"{sync}?next=")

    for state in (IN_PROGRESS, UP_TO_DATE):
        spanish_page = pages[state].get_translation(spanish)
        edit = reverse("wagtailadmin_pages:edit", args=[spanish_page.pk])
        assert rows[pages[state].title].action_url == edit


def test_in_progress_shows_the_share_of_segments_translated(editor_client, pages):
    rows, _counts = read_status_report(editor_client)
    # Title translated; slug and introduction not yet.
    assert rows["Half done"].percent == 33


def test_translated_but_unpublished_is_still_in_progress(
    editor_client, home, spanish_home, spanish, translate_now
):
    page = StandardPageFactory(parent=home, title="Ready to publish")
    translate_now(page, spanish, every_segment(page, "Lista"), publish=False)
    rows, _counts = read_status_report(editor_client)
    assert rows["Ready to publish"].state == IN_PROGRESS
    assert rows["Ready to publish"].percent == 100


def test_counts_per_state_are_at_the_top(editor_client, pages):
    _rows, counts = read_status_report(editor_client)
    # The home page's translation (spanish_home) leaves its slug untranslated.
    assert counts == {MISSING: 1, IN_PROGRESS: 2, OUT_OF_DATE: 1, UP_TO_DATE: 1}


def test_report_filters_by_state(editor_client, pages):
    for state, page in pages.items():
        rows, _counts = read_status_report(editor_client, translation_state=state)
        assert page.title in rows
        assert {row.state for row in rows.values()} == {state}


def test_report_filters_by_page_type(editor_client, pages):
    standard = ContentType.objects.get_for_model(StandardPage)
    rows, _counts = read_status_report(editor_client, content_type=standard.pk)
    assert set(rows) == {page.title for page in pages.values()}


def test_spanish_pages_are_not_listed_as_pages_to_translate(editor_client, pages, spanish):
    rows, _counts = read_status_report(editor_client)
    assert "Terminada" not in rows
    assert len(rows) == len(pages) + 1  # and the home page


def test_report_makes_the_same_number_of_queries_for_5_and_50_pages(
    editor_client, home, spanish_home, spanish
):
    def add_pages(count):
        for number in range(count):
            page = StandardPageFactory(parent=home)
            if number % 3:
                translate(page, spanish, {page.title: f"Página {number}"}, publish=number % 2)

    def queries_for_report():
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(reverse("translation_status_report"))
        assert response.status_code == 200
        return len(queries)

    add_pages(5)
    with_5 = queries_for_report()
    add_pages(45)
    with_50 = queries_for_report()
    assert with_5 == with_50


def test_report_is_in_the_admin_menu_of_editors_and_translators(
    editor_client, translator_client, django_user_model
):
    for client in (editor_client, translator_client):
        assert client.get(reverse("translation_status_report")).status_code == 200
        assert "Translation status" in client.get(reverse("wagtailadmin_home")).content.decode()

    outsider = django_user_model.objects.create_user("outsider", "o@example.org", "pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("translation_status_report"))["Location"] == reverse(
        "wagtailadmin_home"
    )
    assert "Translation status" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_english_titles_link_to_the_page_editor_only_for_those_who_may_edit_them(
    editor_client, translator_client, pages
):
    edit = reverse("wagtailadmin_pages:edit", args=[pages[MISSING].pk])
    assert (
        f'href="{edit}"' in editor_client.get(reverse("translation_status_report")).content.decode()
    )
    translator_view = translator_client.get(reverse("translation_status_report")).content.decode()
    assert f'href="{edit}"' not in translator_view
    assert pages[MISSING].title in translator_view
