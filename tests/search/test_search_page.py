"""The search page as visitors use it, in English and in Spanish."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from tests.home.factories import StandardPageFactory
from tests.resources.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ReportPageFactory,
    ResourceIndexPageFactory,
)

pytestmark = pytest.mark.django_db


def search_box(html):
    return re.search(r'<form class="site-search".*?</form>', html, re.S).group(0)


def test_search_page_has_a_url_in_each_language(client, spanish_home):
    with translation.override("es"):
        assert reverse("search") == "/es/buscar/"
    with translation.override("en"):
        assert reverse("search") == "/en/search/"

    response = client.get("/es/buscar/")
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    assert client.get("/en/search/").status_code == 200
    assert client.get("/es/search/").status_code == 404


@pytest.mark.parametrize(
    ("path", "action", "label"),
    [("/en/", "/en/search/", "Search the site"), ("/es/", "/es/buscar/", "Busca en el sitio")],
)
def test_every_page_has_a_labelled_search_box_in_its_language(
    client, spanish_home, path, action, label
):
    form = search_box(client.get(path).content.decode())
    assert f'action="{action}" method="get"' in form
    assert f'<label class="visually-hidden" for="site-search-query">{label}</label>' in form
    assert '<input id="site-search-query" type="search" name="q"' in form


def test_result_shows_type_title_and_excerpt_with_the_match_marked(search, page_in):
    page_in("en", "Raid on the plant", intro="Know your rights before a <raid>.")
    found = search("raid")
    assert found.titles == ["Raid on the plant"]
    assert '<p class="search-result__label">Page</p>' in found.html
    assert '<a href="/en/raid-on-the-plant/"><mark>Raid</mark> on the plant</a>' in found.html
    assert "Know your rights before a &lt;<mark>raid</mark>&gt;." in found.html
    assert "1 result for “raid”" in found.html


def test_results_show_the_page_type_and_date_in_the_readers_language(
    search, page_in, home, spanish_home, spanish, translate_now
):
    blog = BlogIndexPageFactory(parent=home, slug="blog")
    translate_now(blog, spanish, {"Blog": "Blog"})
    library = ResourceIndexPageFactory(parent=home, slug="resources")
    translate_now(library, spanish, {"Resources": "Recursos"})
    dated_pages = [
        (BlogPageFactory, blog, "Defend our communities", "Defendamos nuestras comunidades"),
        (ReportPageFactory, library, "Communities under surveillance", "Comunidades vigiladas"),
    ]
    dates = [datetime.date(2018, 6, 3), datetime.date(2019, 10, 23)]
    for (page_type, parent, title, spanish_title), date in zip(dated_pages, dates, strict=True):
        page = page_type(parent=parent, title=title, publication_date=date)
        translate_now(page, spanish, {title: spanish_title})
    page_in("en", "Our communities")
    page_in("es", "Nuestras comunidades")

    assert sorted(search("communities").results) == [
        ("Page", "Our communities", None),
        ("Post", "Defend our communities", '<time datetime="2018-06-03">3 June 2018</time>'),
        (
            "Report",
            "Communities under surveillance",
            '<time datetime="2019-10-23">23 October 2019</time>',
        ),
    ]
    assert sorted(search("comunidades", language="es").results) == [
        (
            "Informe",
            "Comunidades vigiladas",
            '<time datetime="2019-10-23">23 de octubre de 2019</time>',
        ),
        (
            "Publicación",
            "Defendamos nuestras comunidades",
            '<time datetime="2018-06-03">3 de junio de 2018</time>',
        ),
        ("Página", "Nuestras comunidades", None),
    ]


def test_spanish_results_are_labelled_in_spanish(search, page_in):
    page_in("es", "Conoce tus derechos")
    assert '<p class="search-result__label">Página</p>' in search("derechos", language="es").html


def test_excerpt_comes_from_the_body_when_the_intro_does_not_match(search, page_in):
    page_in(
        "en",
        "Our approach",
        intro="How we organize.",
        body=[("paragraph", "<p>We stopped the raid at the <b>plant</b> together.</p>")],
    )
    assert "We stopped the <mark>raid</mark> at the plant together." in search("raid").html


def test_search_description_is_the_preferred_excerpt(search, page_in):
    page_in(
        "en",
        "Sanctuary toolkit",
        intro="A long introduction about sanctuary.",
        search_description="Sanctuary in five steps.",
    )
    html = search("sanctuary").html
    assert "<mark>Sanctuary</mark> in five steps." in html
    assert "A long introduction" not in html


def test_results_come_only_from_live_public_pages_in_the_readers_language(search, page_in, home):
    page_in("en", "DACA renewal clinic")
    page_in("es", "Clínica de renovación de DACA")
    draft = StandardPageFactory(parent=home, title="DACA draft", slug="daca-draft", live=False)
    private = StandardPageFactory(parent=home, title="DACA private", slug="daca-private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert search("DACA").titles == ["DACA renewal clinic"]
    assert search("DACA", language="es").titles == ["Clínica de renovación de DACA"]
    assert draft.title not in search("draft").html


def test_results_are_paginated_ten_to_a_page(search, page_in):
    for number in range(12):
        page_in("en", f"Raid report {number:02}")

    first = search("raid")
    assert len(first.titles) == 10
    assert "12 results for “raid”" in first.html
    assert "Page 1 of 2" in first.html
    assert '<a href="?q=raid&amp;page=2" rel="next">Next page</a>' in first.html

    second = search("raid", page=2)
    assert len(second.titles) == 2
    assert not set(second.titles) & set(first.titles)
    assert '<a href="?q=raid&amp;page=1" rel="prev">Previous page</a>' in second.html


@pytest.mark.parametrize(
    ("language", "text"), [("en", "What are you looking for?"), ("es", "¿Qué estás buscando?")]
)
def test_empty_query_gets_help_in_the_readers_language(search, spanish_home, language, text):
    found = search("", language=language)
    assert found.response.status_code == 200
    assert text in found.html
    assert f'<a href="/{language}/">' in found.html
    assert "search-result__title" not in found.html


def test_no_results_suggest_other_words_the_other_language_and_the_home_page(search, spanish_home):
    english = search("zzyzx")
    assert "Nothing found for “zzyzx”." in english.html
    assert "Try fewer words" in english.html
    assert '<a href="/es/buscar/?q=zzyzx" hreflang="es">Search for “zzyzx” in Español</a>' in (
        english.html
    )
    assert '<a href="/en/">Go to the home page</a>' in english.html

    spanish = search("zzyzx", language="es")
    assert "No encontramos nada para “zzyzx”." in spanish.html
    assert '<a href="/es/">Ir a la página de inicio</a>' in spanish.html


def test_no_results_suggest_the_library_and_the_petitions_in_the_readers_language(
    search, home, spanish, translate_now, spanish_petition_index
):
    library = ResourceIndexPageFactory(parent=home, slug="resources", title="Resources")
    translate_now(library, spanish, {"Resources": "Recursos", "resources": "recursos"})

    english = search("zzyzx").html
    assert '<a href="/en/resources/">Browse the resource library</a>' in english
    assert '<a href="/en/petitions/">Sign an open petition</a>' in english
    spanish = search("zzyzx", language="es").html
    assert '<a href="/es/recursos/">Explora la biblioteca de recursos</a>' in spanish
    assert '<a href="/es/petitions/">Firma una petición abierta</a>' in spanish
    assert "/en/resources/" not in spanish


def test_suggested_page_types_that_do_not_exist_are_left_out(search, spanish_home):
    html = search("zzyzx").html
    assert "Browse the resource library" not in html
    assert "Sign an open petition" not in html


def test_switcher_and_hreflang_lead_to_the_same_search_in_the_other_language(search, spanish_home):
    html = search("derechos", language="es").html
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert 'href="/en/search/?q=derechos" hreflang="en"' in switcher
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/search/?q=derechos">'
        in html
    )
    assert '<link rel="canonical" href="http://testserver/es/buscar/?q=derechos">' in html
    assert '<meta name="robots" content="noindex, follow">' in html
