"""The Spanish interface catalog: current with the code, complete, and compiled from its
current text."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings

from tests.services import require

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"


def test_every_interface_string_has_a_spanish_translation():
    catalog = polib.pofile(str(CATALOG / "django.po"))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []
    blank = [
        entry.msgid
        for entry in catalog
        if not all(
            text.strip()
            for text in (entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr])
        )
    ]
    assert blank == []
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


# What `make messages` extracts from: the project's Python and templates, not the
# virtualenv, the npm packages, the tests or collected static files.
NOT_EXTRACTED = {".venv", "node_modules", "tests", "staticfiles", "media", "locale"}
EXTRACTED_SUFFIXES = {".py", ".html", ".txt"}


def copy_sources(destination):
    """Copy the files makemessages reads into `destination`, as laid out in the project."""
    base = Path(settings.BASE_DIR)
    for directory, subdirectories, files in os.walk(base):
        subdirectories[:] = [
            name
            for name in subdirectories
            if name not in NOT_EXTRACTED and not name.startswith(".")
        ]
        for name in files:
            source = Path(directory) / name
            if source.suffix in EXTRACTED_SUFFIXES:
                target = destination / source.relative_to(base)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def messages(catalog):
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in catalog if not entry.obsolete
    }


def test_catalog_has_every_string_the_code_and_templates_mark_and_no_other(tmp_path):
    """Fails when a string marked for translation was never extracted (`make messages`),
    or when the catalog still holds one the code no longer uses."""
    require(shutil.which("xgettext"), "needs GNU gettext: apt-get install gettext")
    copy_sources(tmp_path)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "es", "--no-obsolete"],
        cwd=tmp_path,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.test"},
        check=True,
        capture_output=True,
        timeout=120,
    )
    extracted = messages(polib.pofile(str(tmp_path / "locale/es/LC_MESSAGES/django.po")))
    catalog = messages(polib.pofile(str(CATALOG / "django.po")))

    never_extracted = sorted(extracted - catalog, key=str)
    assert never_extracted == [], "run `make messages` and translate these"
    no_longer_used = sorted(catalog - extracted, key=str)
    assert no_longer_used == [], "run `make messages` to drop these"
