"""A translator's whole cycle, driven through the admin's own views.

Translate a new English post, save, publish in Spanish and see it up to date; the
editor changes the English, the report shows it out of date; sync, translate the new
segment, and it is up to date again, with the Spanish already done kept.
"""

import pytest
from django.test import TestCase
from django.urls import reverse

from home.models import StandardPage
from home.translation_status import IN_PROGRESS, MISSING, OUT_OF_DATE, UP_TO_DATE
from tests.translation.workflow import (
    page_form,
    publish,
    read_status_report,
    translate_segments,
    translation_of,
)

pytestmark = pytest.mark.django_db

TITLE = "Know your rights"


def state_of(client):
    rows, _counts = read_status_report(client)
    return rows[TITLE]


def test_translator_takes_a_new_post_to_up_to_date_and_back_after_an_english_change(
    editor_client, translator_client, home, spanish_home, spanish
):
    # The editor publishes a new English post.
    add = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk))
    form = page_form(
        TITLE,
        "know-your-rights",
        "What to do if ICE comes to your door.",
        [(None, "<p>Do not open the door.</p>")],
    )
    assert editor_client.post(add, form).status_code == 302
    page = StandardPage.objects.get(slug="know-your-rights")
    assert state_of(translator_client).state == MISSING

    # The translator presses "Translate" in the report and lands in the translation editor.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = translator_client.post(
            state_of(translator_client).action_url, {"locales": [spanish.pk]}
        )
    translation = translation_of(page)
    spanish_page = translation.get_target_instance()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[spanish_page.pk])
    assert "translation-editor" in translator_client.get(response["Location"]).content.decode()
    assert state_of(translator_client).state == IN_PROGRESS
    assert state_of(translator_client).percent == 0

    # Each segment saves as it is typed; until published, it is still in progress.
    translate_segments(
        translator_client,
        translation,
        {
            TITLE: "Conoce tus derechos",
            "know-your-rights": "conoce-tus-derechos",
            "What to do if ICE comes to your door.": "Qué hacer si ICE llega a tu puerta.",
            "Do not open the door.": "No abras la puerta.",
        },
    )
    assert state_of(translator_client).state == IN_PROGRESS
    assert state_of(translator_client).percent == 100

    publish(translator_client, translation)
    spanish_html = translator_client.get("/es/conoce-tus-derechos/").content.decode()
    assert "No abras la puerta." in spanish_html
    assert state_of(translator_client).state == UP_TO_DATE

    # The editor changes the English introduction and publishes it.
    page.refresh_from_db()
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = page_form(
        TITLE,
        "know-your-rights",
        "What to do if immigration agents come to your door.",
        [(page.body[0].id, "<p>Do not open the door.</p>")],
    )
    assert editor_client.post(edit, form).status_code == 302
    assert state_of(translator_client).state == OUT_OF_DATE

    # The translator syncs from the report: the new segment waits for its translation.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = translator_client.post(state_of(translator_client).action_url)
    assert response["Location"] == reverse("translation_status_report")
    assert state_of(translator_client).state == IN_PROGRESS
    assert state_of(translator_client).percent == 75

    translate_segments(
        translator_client,
        translation,
        {
            "What to do if immigration agents come to your door.": (
                "Qué hacer si agentes de inmigración llegan a tu puerta."
            )
        },
    )
    publish(translator_client, translation)
    assert state_of(translator_client).state == UP_TO_DATE

    spanish_html = translator_client.get("/es/conoce-tus-derechos/").content.decode()
    assert "Qué hacer si agentes de inmigración llegan a tu puerta." in spanish_html
    assert "No abras la puerta." in spanish_html
    assert "immigration agents" not in spanish_html
