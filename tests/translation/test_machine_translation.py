"""Machine translation: off unless configured; when on, "Translate with machine" works."""

import json
import re

import pytest
from wagtail_localize.models import StringTranslation

from tests.home.factories import StandardPageFactory
from tests.translation.workflow import (
    machine_translate,
    open_editor,
    publish,
    start_translation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def translation(editor_client, home, spanish_home):
    page = StandardPageFactory(
        parent=home, title="Know your rights", intro="What to do if ICE comes."
    )
    return start_translation(editor_client, page)


def editor_props(response):
    """The props the translation editor's page hands to its JavaScript."""
    html = response.content.decode()
    return json.loads(
        re.search(r'data-props="([^"]*)"', html)
        .group(1)
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )


def test_machine_translation_is_off_by_default(editor_client, translation):
    assert editor_props(open_editor(editor_client, translation))["machineTranslator"] is None
    machine_translate(editor_client, translation)
    assert translation.get_progress() == (3, 0)


def test_translate_with_machine_fills_every_segment_and_publishes(
    editor_client, translation, machine_translator
):
    machine = editor_props(open_editor(editor_client, translation))["machineTranslator"]
    assert machine["name"] == "Dummy translator"

    response = machine_translate(editor_client, translation)
    assert response.status_code == 302
    assert translation.get_progress() == (3, 3)
    made = StringTranslation.objects.filter(context__object_id=translation.source.object_id)
    assert set(made.values_list("translation_type", flat=True)) == {"machine"}

    publish(editor_client, translation)
    html = editor_client.get(translation.get_target_instance().url).content.decode()
    assert "rights your Know" in html
    assert "comes. ICE if do to What" in html
