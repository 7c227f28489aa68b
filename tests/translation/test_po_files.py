"""A translator downloads a page's translation as a PO file and uploads it back."""

import pytest

from tests.home.factories import StandardPageFactory
from tests.translation.workflow import (
    download_po,
    publish,
    start_translation,
    translate_segments,
    upload_po,
)

pytestmark = pytest.mark.django_db

SPANISH = {
    "Know your rights": "Conoce tus derechos",
    "What to do if ICE comes to your door.": "Qué hacer si ICE llega a tu puerta.",
}


@pytest.fixture
def translation(translator_client, home, spanish_home):
    page = StandardPageFactory(
        parent=home,
        title="Know your rights",
        slug="know-your-rights",
        intro="What to do if ICE comes to your door.",
    )
    return start_translation(translator_client, page)


def test_po_file_lists_every_segment_with_the_translations_already_made(
    translator_client, translation
):
    translate_segments(translator_client, translation, {"Know your rights": "Conoce tus derechos"})
    po = download_po(translator_client, translation)
    entries = {entry.msgid: entry.msgstr for entry in po}
    assert entries == {
        "Know your rights": "Conoce tus derechos",
        "know-your-rights": "",
        "What to do if ICE comes to your door.": "",
    }


def test_uploaded_po_file_translates_the_page(translator_client, translation):
    po = download_po(translator_client, translation)
    for entry in po:
        entry.msgstr = SPANISH.get(entry.msgid, "conoce-tus-derechos")
    response = upload_po(translator_client, translation, po)
    assert response.status_code == 302

    publish(translator_client, translation)
    html = translator_client.get("/es/conoce-tus-derechos/").content.decode()
    assert "Conoce tus derechos" in html
    assert "Qué hacer si ICE llega a tu puerta." in html


def test_po_file_of_another_translation_is_refused(translator_client, home, translation):
    other = start_translation(translator_client, StandardPageFactory(parent=home, title="Other"))
    po = download_po(translator_client, other)
    for entry in po:
        entry.msgstr = "Otra"
    upload_po(translator_client, translation, po)
    assert translation.get_progress() == (3, 0)
