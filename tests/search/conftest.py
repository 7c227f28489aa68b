"""Fixtures for the search tests: searching as a visitor, and pages to find."""

import re
import uuid
from dataclasses import dataclass

import pytest
from django.utils.html import strip_tags
from django.utils.text import slugify

from tests.home.factories import StandardPageFactory

SEARCH_PATHS = {"en": "/en/search/", "es": "/es/buscar/"}


@dataclass
class SearchPage:
    response: object
    html: str

    @property
    def titles(self):
        """The result titles in the order shown."""
        return [
            strip_tags(title)
            for title in re.findall(
                r'<h2 class="search-result__title"><a href="[^"]*">(.*?)</a></h2>', self.html
            )
        ]

    @property
    def results(self):
        """(label, title, date as shown or None) of each result, in the order shown."""
        shown = []
        for result in re.findall(r'<li class="search-result[^"]*">(.*?)</li>', self.html, re.S):
            label = re.search(r'<p class="search-result__label">(.*?)</p>', result).group(1)
            title = re.search(r'<h2 class="search-result__title">(.*?)</h2>', result).group(1)
            date = re.search(r"<time [^>]*>.*?</time>", result)
            shown.append((strip_tags(label), strip_tags(title), date and date.group(0)))
        return shown


@pytest.fixture
def search(client):
    """Search as a visitor: search("raids") or search("redadas", language="es", page=2)."""

    def search_for(query, language="en", **params):
        response = client.get(SEARCH_PATHS[language], {"q": query, **params})
        return SearchPage(response, response.content.decode())

    return search_for


@pytest.fixture
def page_in(request, home):
    """A live page in English, or in Spanish as a real translation of an English page.

    page_in("en", "Title", intro=...), page_in("es", "Título", intro=...). The English
    source of a Spanish page says nothing a test searches for.
    """

    def make(language, title, intro="", slug=None, **fields):
        slug = slug or slugify(title)
        if language == "en":
            return StandardPageFactory(parent=home, title=title, intro=intro, slug=slug, **fields)
        request.getfixturevalue("spanish_home")
        spanish = request.getfixturevalue("spanish")
        translate_now = request.getfixturevalue("translate_now")
        token = uuid.uuid4().hex
        source = StandardPageFactory(
            parent=home,
            title=f"Source {token}",
            intro=f"Source intro {token}" if intro else "",
            slug=slug,
            **fields,
        )
        return translate_now(
            source, spanish, {f"Source {token}": title, f"Source intro {token}": intro}
        )

    return make
