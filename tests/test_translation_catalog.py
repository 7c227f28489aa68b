"""The Spanish interface catalog: complete, and compiled from its current text."""

from pathlib import Path

import polib
from django.conf import settings

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"


def test_every_interface_string_has_a_spanish_translation():
    catalog = polib.pofile(str(CATALOG / "django.po"))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []
    assert len(catalog.translated_entries()) > 50


def test_compiled_catalog_matches_the_po_file():
    """Fails when django.po was edited but django.mo was not compiled again."""
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.pofile(str(CATALOG / "django.po")).translated_entries()
    }
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(CATALOG / "django.mo"))
        if entry.msgid
    }
    assert compiled == source
