"""Every page type and every translatable snippet translates into Spanish and publishes.

Each is built with its factory, given English text in every translatable field and one
of every StreamField block, translated with wagtail-localize's dummy machine translator
(which reverses the order of words) through the admin's own views, and published. A
new page type, snippet, field or block that breaks translation fails here, and so does
a date shown with an English month name on a Spanish page.
"""

import html
import re
from collections import deque

import pytest
import wagtail_factories
from django.core import serializers
from django.utils import formats, translation
from wagtail.models import Collection, DraftStateMixin, Page, TranslatableMixin, get_page_models
from wagtail.snippets.models import get_snippet_models

from tests.translation.filler import SAMPLE_DATE, Filler
from tests.translation.registry import page_factories, snippet_factories
from tests.translation.workflow import (
    machine_translate,
    publish,
    spanish_locale,
    start_translation,
)

pytestmark = pytest.mark.django_db

PAGE_MODELS = [model for model in get_page_models() if model is not Page and model.is_creatable]
SNIPPET_MODELS = [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def label(model):
    return model._meta.label


def machine_translated(phrase):
    """What the dummy translator makes of a phrase."""
    return " ".join(reversed(phrase.split(" ")))


def month_name(language):
    """The sample date's month as pages in `language` name it."""
    with translation.override(language):
        return formats.date_format(SAMPLE_DATE, "F")


def rendered_phrases(html_text, phrases):
    return [phrase for phrase in phrases if html.escape(phrase) in html_text]


def creation_chain(home, model):
    """Page models from the home page's type down to `model`, each allowed under the last."""
    paths = deque([[type(home)]])
    while paths:
        path = paths.popleft()
        if path[-1] is model:
            return path
        for child in path[-1].allowed_subpage_models():
            if child is not Page and child not in path:
                paths.append([*path, child])
    raise AssertionError(f"{label(model)} cannot be created anywhere under the home page")


def translate_by_machine(client, instance):
    translation = start_translation(client, instance)
    machine_translate(client, translation)
    total, translated = translation.get_progress()
    assert translated == total, f"The machine translated {translated} of {total} segments"
    publish(client, translation)
    return translation.get_target_instance()


@pytest.fixture
def filler(home, english):
    root = Collection.get_first_root_node()
    return Filler(
        image=wagtail_factories.ImageFactory(collection=root, title="Image"),
        document=wagtail_factories.DocumentFactory(collection=root, title="Document"),
        page=home,
        snippet_factories=snippet_factories(),
    )


def test_every_page_type_and_translatable_snippet_has_a_factory():
    missing = [
        label(model)
        for model, factories in [
            *[(model, page_factories()) for model in PAGE_MODELS],
            *[(model, snippet_factories()) for model in SNIPPET_MODELS],
        ]
        if model not in factories
    ]
    assert missing == [], "Add factories to tests/<app>/factories.py for: " + ", ".join(missing)


@pytest.mark.parametrize("model", PAGE_MODELS, ids=label)
def test_page_type_translates_by_machine_and_publishes_in_spanish(
    model, editor_client, home, filler, machine_translator
):
    factories = page_factories()
    chain = creation_chain(home, model)
    pages = [home]
    for page_model in chain[1:]:
        assert page_model in factories, f"No factory for {label(page_model)}"
        pages.append(factories[page_model](parent=pages[-1]))
    page = pages[-1]
    filler.fill(page)
    page.save_revision().publish()

    for ancestor_or_page in pages:
        spanish_page = translate_by_machine(editor_client, ancestor_or_page)

    assert spanish_page.live
    english_html = editor_client.get(page.url).content.decode()
    response = editor_client.get(spanish_page.url)
    assert response.status_code == 200
    spanish_html = response.content.decode()
    shown = rendered_phrases(english_html, filler.phrases)
    assert shown, "The English page shows none of its fields"
    for phrase in shown:
        assert html.escape(machine_translated(phrase)) in spanish_html, phrase
        assert html.escape(phrase) not in spanish_html, phrase
    english_month, spanish_month = (month_name(language) for language in ("en", "es"))
    if re.search(rf"\b{english_month}\b", english_html):
        assert spanish_month in spanish_html
        assert not re.search(rf"\b{english_month}\b", spanish_html)


@pytest.mark.parametrize("model", SNIPPET_MODELS, ids=label)
def test_snippet_translates_by_machine_into_spanish(
    model, editor_client, english, filler, machine_translator
):
    factories = snippet_factories()
    assert model in factories, f"No factory for {label(model)}"
    snippet = filler.fill(factories[model](locale=english))
    if isinstance(snippet, DraftStateMixin):
        snippet.save_revision().publish()
    else:
        snippet.save()

    translate_by_machine(editor_client, snippet)

    spanish_snippet = model.objects.get(
        translation_key=snippet.translation_key, locale=spanish_locale()
    )
    stored = serializers.serialize("json", [spanish_snippet])
    for phrase in filler.phrases:
        assert machine_translated(phrase) in stored, phrase
        assert not re.search(rf"\b{re.escape(phrase)}\b", stored), phrase
