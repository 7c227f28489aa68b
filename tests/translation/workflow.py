"""The steps of the translation workflow, posted to the admin's own views as a browser does.

Publishing in wagtail-localize happens in transaction.on_commit; these helpers run
those callbacks, as the end of a real request would.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

import polib
from bs4 import BeautifulSoup
from django.contrib.admin.utils import quote
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.languages import TRANSLATION_LANGUAGE


def spanish_locale():
    return Locale.objects.get(language_code=TRANSLATION_LANGUAGE)


def start_translation(client, instance):
    """Press "Translate" and choose Spanish. Returns the Translation."""
    if isinstance(instance, Page):
        url = reverse("wagtail_localize:submit_page_translation", args=[instance.pk])
    else:
        opts = instance._meta
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[opts.app_label, opts.model_name, quote(instance.pk)],
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"locales": [spanish_locale().pk]})
    assert allowed(response).status_code == 302, response.content.decode()[:2000]
    return translation_of(instance)


def translation_of(instance):
    source = TranslationSource.objects.get_for_instance(instance)
    return Translation.objects.get(source=source, target_locale=spanish_locale())


def translate_segments(client, translation, strings):
    """Type translations into the translation editor, which saves each segment as it goes.

    `strings` maps English segment text to its translation. Returns how many were saved.
    """
    saved = 0
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        if segment.string.data in strings:
            url = reverse(
                "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
            )
            value = strings[segment.string.data]
            response = client.put(
                url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
            )
            # The translation as saved: 201 for a segment's first, 200 for a change.
            assert response.json().get("data") == value, response.content
            saved += 1
    return saved


def machine_translate(client, translation):
    """Press "Translate with machine" in the translation editor."""
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    return allowed(client.post(url, {"next": edit_url(translation.get_target_instance())}))


def allowed(response):
    """The response, once sure the admin did not turn the user away for lack of permission."""
    assert response.get("Location") != reverse("wagtailadmin_home"), "Permission denied"
    return response


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    opts = instance._meta
    return reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=[instance.pk])


def open_editor(client, translation):
    """Open the Spanish version's edit view: for a translation, the translation editor."""
    return client.get(edit_url(translation.get_target_instance()))


def publish(client, translation):
    """Press "Publish in Español" in the translation editor."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(edit_url(translation.get_target_instance()), {"action": "publish"})
    return allowed(response)


def sync(client, page, publish_now=False):
    """Press "Sync translated pages" on the English page and confirm."""
    source = TranslationSource.objects.get_for_instance(page)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    data = {"publish_translations": "on"} if publish_now else {}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return allowed(client.post(url, data))


def download_po(client, translation):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    return polib.pofile(response.content.decode())


def upload_po(client, translation, po):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    upload = SimpleUploadedFile("translation.po", str(po).encode(), "text/x-gettext-translation")
    return client.post(url, {"file": upload, "next": edit_url(translation.get_target_instance())})


def add_standard_page(client, parent, title, slug):
    """Create and publish a standard page in the page editor."""
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", parent.pk))
    return client.post(url, page_form(title, slug, "", []))


@dataclass(frozen=True)
class ReportRow:
    state: str
    text: str
    action_url: str

    @property
    def percent(self):
        """The share of segments translated the row shows, if it shows one."""
        shown = re.search(r"(\d+)%", self.text)
        return int(shown.group(1)) if shown else None


def read_status_report(client, **filters):
    """The translation status report as a translator reads it.

    Returns ({English page title: ReportRow}, {state: count at the top}).
    """
    response = client.get(reverse("translation_status_report"), filters)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in soup.select("#listing-results tbody tr"):
        cell = row.select_one("td[data-state]")
        rows[row.select_one("td.title").get_text(strip=True)] = ReportRow(
            state=cell["data-state"],
            text=cell.get_text(" ", strip=True),
            action_url=cell.select_one("a")["href"],
        )
    counts = {
        link["data-state"]: int(link.select_one(".w-summary__count").get_text())
        for link in soup.select(".w-summary a[data-state]")
    }
    return rows, counts


def page_form(title, slug, intro, paragraphs):
    """The page editor's form: `paragraphs` are (block id or None, HTML) pairs."""
    body = {
        str(index): {
            "type": "paragraph",
            "value": rich_text(html),
            "deleted": "",
            "order": str(index),
            "id": block_id or "",
        }
        for index, (block_id, html) in enumerate(paragraphs)
    }
    body["count"] = str(len(paragraphs))
    data = nested_form_data({"title": title, "slug": slug, "intro": intro, "body": body})
    return {**data, "action-publish": "publish"}


def upload_image(client, collection):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Marcha",
            "file": SimpleUploadedFile("marcha.png", get_test_image_file().file.getvalue()),
            "collection": collection.pk,
        },
    )


def upload_document(client, collection):
    pdf = SimpleUploadedFile("guia.pdf", b"%PDF-1.4 test", "application/pdf")
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Guía", "file": pdf, "collection": collection.pk},
    )
