"""No alias pages: nothing serves English content as if it were a Spanish page."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import LocaleSynchronization

from tests.home.factories import StandardPageFactory
from tests.translation.workflow import (
    add_standard_page,
    publish,
    spanish_locale,
    start_translation,
)

pytestmark = pytest.mark.django_db


def spanish_aliases():
    return Page.objects.filter(locale__language_code="es", alias_of__isnull=False)


def test_no_locale_is_synced_from_another(english, spanish):
    assert not LocaleSynchronization.objects.exists()


def test_creating_an_english_page_in_the_admin_creates_no_spanish_copy(
    editor_client, home, spanish_home
):
    response = add_standard_page(editor_client, home, "Rapid response", "rapid-response")
    assert response.status_code == 302
    assert Page.objects.filter(slug="rapid-response").count() == 1
    assert not spanish_aliases().exists()
    assert editor_client.get("/es/rapid-response/").status_code == 404


def test_starting_a_translation_does_not_publish_the_untranslated_copy(
    editor_client, home, spanish_home
):
    page = StandardPageFactory(parent=home, title="Deportation defense", slug="defense")
    translation = start_translation(editor_client, page)
    copy = translation.get_target_instance()
    assert not copy.live
    assert editor_client.get("/es/defense/").status_code == 404


def test_an_untranslated_parent_becomes_a_draft_translation_not_an_alias(
    editor_client, home, spanish_home
):
    parent = StandardPageFactory(parent=home, title="Campaigns", slug="campaigns")
    child = StandardPageFactory(parent=parent, title="Not one more", slug="not-one-more")

    translation = start_translation(editor_client, child)
    publish(editor_client, translation)

    assert not spanish_aliases().exists()
    spanish_parent = parent.get_translation(spanish_locale())
    assert spanish_parent.alias_of_id is None
    assert not spanish_parent.live
    assert editor_client.get("/es/campaigns/").status_code == 404
    assert editor_client.get("/es/campaigns/not-one-more/").status_code == 200


def test_the_untranslated_parent_is_waiting_in_the_translation_editor(
    editor_client, home, spanish_home
):
    parent = StandardPageFactory(parent=home, title="Campaigns", slug="campaigns")
    child = StandardPageFactory(parent=parent, title="Not one more", slug="not-one-more")
    start_translation(editor_client, child)

    spanish_parent = parent.get_translation(spanish_locale())
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[spanish_parent.pk]))
    assert "translation-editor" in response.content.decode()


def test_sync_from_is_not_offered_in_the_locale_editor(admin_client, spanish):
    response = admin_client.get(reverse("wagtaillocales:edit", args=[spanish.pk]))
    assert response.status_code == 200
    assert "Synchronise content from another locale" not in response.content.decode()


def test_english_pages_are_not_served_under_es_before_the_spanish_home_is_published(client, home):
    StandardPageFactory(parent=home, title="Know your rights", slug="know-your-rights")
    assert client.get("/en/know-your-rights/").status_code == 200
    assert client.get("/es/know-your-rights/").status_code == 404
    assert client.get("/es/").status_code == 404
