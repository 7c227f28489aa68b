"""Readers in Spanish never meet English interface text; translators get a Spanish admin."""

import re
from io import StringIO
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django import forms
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.django_db

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
# Shorter msgids ("Type", "Main") are too likely to be words of the content itself.
SHORTEST_MSGID = 5
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
SPOKEN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


def english_interface_strings():
    """Catalog msgids long enough to be telling and different in Spanish."""
    strings = []
    for entry in polib.pofile(str(CATALOG)).translated_entries():
        for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
            spanish = entry.msgstr or " ".join(entry.msgstr_plural.values())
            literal = PLACEHOLDER.sub("", msgid).strip()
            if len(literal) >= SHORTEST_MSGID and msgid not in spanish:
                strings.append(msgid)
    return strings


def pattern(msgid):
    """A regex finding msgid in text, its placeholders standing for any words."""
    pieces = [re.escape(" ".join(piece.split())) for piece in PLACEHOLDER.split(msgid)]
    return re.compile(r"(?<!\w)" + r".+?".join(pieces) + r"(?!\w)")


def visible_text(html):
    """The text a reader sees or a screen reader speaks, whitespace collapsed."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    spoken = [
        element[attribute]
        for attribute in SPOKEN_ATTRIBUTES
        for element in soup.find_all(attrs={attribute: True})
    ]
    return " ".join(" ".join([soup.get_text(" "), *spoken]).split())


def test_catalog_gives_the_check_something_to_look_for():
    assert len(english_interface_strings()) > 20


def test_visible_text_includes_alt_text_and_labels_but_not_scripts():
    text = visible_text(
        '<nav aria-label="Main"><img alt="A march"><script>var skip = "Skip";</script>'
        "<p>Read\n  more</p></nav>"
    )
    assert text == "Read more A march Main"


def test_spanish_demo_pages_show_no_english_interface_text(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=StringIO())
    spanish_pages = Page.objects.live().filter(locale__language_code="es").specific()
    assert spanish_pages.exists()

    english = [(msgid, pattern(msgid)) for msgid in english_interface_strings()]
    english_home = visible_text(client.get("/en/").content.decode())
    assert any(regex.search(english_home) for _msgid, regex in english), "The check sees nothing"
    for page in spanish_pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        text = visible_text(response.content.decode())
        found = [msgid for msgid, regex in english if regex.search(text)]
        assert found == [], f"English on {page.url}: {found}"


def test_form_errors_on_spanish_pages_are_in_spanish(client, spanish_home):
    PageViewRestriction.objects.create(
        page=spanish_home, restriction_type=PageViewRestriction.PASSWORD, password="secreto"
    )
    html = client.get("/es/").content.decode()
    action = BeautifulSoup(html, "html.parser").find("form")["action"]

    response = client.post(action, {"password": "", "return_url": "/es/"})

    html = response.content.decode()
    required = forms.Field.default_error_messages["required"]
    with translation.override("es"):
        assert str(required) in html
    with translation.override("en"):
        assert str(required) not in html


def test_translators_can_switch_the_admin_to_spanish(translator_client, translator):
    account = reverse("wagtailadmin_account")
    options = BeautifulSoup(translator_client.get(account).content, "html.parser").select(
        'select[name="locale-preferred_language"] option'
    )
    assert {option["value"] for option in options} == {"", "en", "es"}

    response = translator_client.post(
        account,
        {
            "name_email-first_name": "Ana",
            "name_email-last_name": "Traductora",
            "name_email-email": translator.email,
            "locale-preferred_language": "es",
            "locale-current_time_zone": "America/Phoenix",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "keyboard-shortcuts": "true",
        },
    )
    assert response.status_code == 302

    dashboard = translator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Panel de control" in dashboard
    report = translator_client.get(reverse("translation_status_report")).content.decode()
    assert "Estado de las traducciones" in report
    assert "Translation status" not in report
