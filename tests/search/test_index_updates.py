"""The index follows the pages: no command to run after publishing, unpublishing,
translating or deleting, and one command rebuilds it for both languages."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.search.models import IndexEntry

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_publishing_a_draft_makes_it_findable(search, home):
    page = StandardPageFactory(parent=home, title="Sanctuary toolkit", slug="toolkit", live=False)
    page.save_revision()
    assert search("sanctuary").titles == []

    page.get_latest_revision().publish()
    assert search("sanctuary").titles == ["Sanctuary toolkit"]


def test_publishing_new_words_replaces_the_old_ones(search, page_in):
    page = page_in("en", "Sanctuary toolkit")
    page.title = "Deportation defense toolkit"
    page.save_revision().publish()

    assert search("sanctuary").titles == []
    assert search("defense").titles == ["Deportation defense toolkit"]


def test_a_draft_of_a_live_page_does_not_change_what_is_found(search, page_in):
    page = page_in("en", "Sanctuary toolkit")
    page.title = "Unfinished draft"
    page.save_revision()

    assert search("sanctuary").titles == ["Sanctuary toolkit"]
    assert search("unfinished").titles == []


def test_unpublishing_a_page_removes_it_from_results(search, page_in):
    page = page_in("en", "Sanctuary toolkit")
    page.unpublish()
    assert search("sanctuary").titles == []


def test_translating_a_page_makes_it_findable_in_spanish(search, page_in, spanish, translate_now):
    page = page_in("en", "Sanctuary toolkit")
    assert search("santuario", language="es").titles == []

    translate_now(page, spanish, {"Sanctuary toolkit": "Guía de santuario"})
    assert search("santuario", language="es").titles == ["Guía de santuario"]
    assert search("sanctuary").titles == ["Sanctuary toolkit"]


def test_deleting_a_page_removes_it_and_its_index_entry(search, page_in):
    page = page_in("en", "Sanctuary toolkit")
    entries = IndexEntry.objects.filter(object_id=str(page.pk))
    assert entries.exists()

    page.delete()
    assert search("sanctuary").titles == []
    assert not entries.exists()


def test_update_index_rebuilds_the_index_for_both_languages(search, page_in):
    page_in("en", "Sanctuary toolkit")
    page_in("es", "Guía de santuario")
    IndexEntry.objects.all().delete()
    assert search("sanctuary").titles == []

    call_command("update_index", stdout=StringIO())
    assert search("sanctuary").titles == ["Sanctuary toolkit"]
    assert search("santuario", language="es").titles == ["Guía de santuario"]
