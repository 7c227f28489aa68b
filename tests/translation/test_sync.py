"""Syncing translated pages: English changes reach the Spanish page, Spanish done stays."""

import pytest
from django.urls import reverse

from home.models import StandardPage
from tests.translation.workflow import (
    page_form,
    publish,
    start_translation,
    sync,
    translate_segments,
    translation_of,
)

pytestmark = pytest.mark.django_db

SPANISH = {
    "Know your rights": "Conoce tus derechos",
    "know-your-rights": "conoce-tus-derechos",
    "What to do.": "Qué hacer.",
    "Do not open the door.": "No abras la puerta.",
    "Stay silent.": "Guarda silencio.",
}


@pytest.fixture
def translated_page(editor_client, home, spanish_home):
    """An English page with two paragraphs, translated and published in Spanish."""
    add = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk))
    form = page_form(
        "Know your rights",
        "know-your-rights",
        "What to do.",
        [(None, "<p>Do not open the door.</p>"), (None, "<p>Stay silent.</p>")],
    )
    editor_client.post(add, form)
    page = StandardPage.objects.get(slug="know-your-rights")
    translation = start_translation(editor_client, page)
    translate_segments(editor_client, translation, SPANISH)
    publish(editor_client, translation)
    return page


def add_paragraph_in_the_middle(client, page, html):
    blocks = [(block.id, block.value.source) for block in page.body]
    form = page_form(page.title, page.slug, page.intro, [blocks[0], (None, html), blocks[1]])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form)
    assert response.status_code == 302


def test_sync_brings_a_new_paragraph_and_keeps_the_spanish_already_done(
    editor_client, translated_page
):
    add_paragraph_in_the_middle(editor_client, translated_page, "<p>Ask for a lawyer.</p>")
    assert "Ask for a lawyer." not in editor_client.get("/es/conoce-tus-derechos/").content.decode()

    sync(editor_client, translated_page, publish_now=True)

    html = editor_client.get("/es/conoce-tus-derechos/").content.decode()
    assert html.index("No abras la puerta.") < html.index("Ask for a lawyer.")
    assert html.index("Ask for a lawyer.") < html.index("Guarda silencio.")
    assert "Conoce tus derechos" in html and "Qué hacer." in html


def test_synced_changes_reach_visitors_when_the_translation_is_published(
    editor_client, translated_page
):
    add_paragraph_in_the_middle(editor_client, translated_page, "<p>Ask for a lawyer.</p>")
    sync(editor_client, translated_page)
    assert "Ask for a lawyer." not in editor_client.get("/es/conoce-tus-derechos/").content.decode()

    translation = translation_of(translated_page)
    translate_segments(editor_client, translation, {"Ask for a lawyer.": "Pide un abogado."})
    publish(editor_client, translation)

    html = editor_client.get("/es/conoce-tus-derechos/").content.decode()
    assert "Pide un abogado." in html
    assert "No abras la puerta." in html and "Guarda silencio." in html
