"""Whatever is typed or sent, the search page answers, and shows the query escaped."""

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "!!! ??? ...",
        '"',
        'raid" OR "ice',
        "raid AND NOT ice (",
        "raid* -ice title:raid NEAR(a b)",
        "'raid':* & !ice | <->",
        "\\ % _ ' ;",
        "raid\x00ice",
        "\ufffd\ufffd",
        "🚨 redada 🚨",
    ],
)
def test_punctuation_and_search_syntax_are_treated_as_text(search, page_in, query):
    """Operators are words, and every word must match (PostgreSQL leaves out stop words such
    as "or" and "not"): "raid OR ice" and "raid AND NOT ice" find no page about raids alone."""
    page_in("en", "Raid response network")
    found = search(query)
    assert found.response.status_code == 200
    assert found.titles == []
    assert "Nothing found for" in found.html


def test_a_very_long_query_is_cut_short(search, spanish_home):
    found = search("raid " * 1000)
    assert found.response.status_code == 200
    echoed = ("raid " * 40).strip()
    assert f'value="{echoed}"' in found.html
    assert "raid " * 41 not in found.html


def test_sql_in_the_query_is_only_text(search, page_in):
    page_in("en", "Raid response network")
    found = search("raid'; DROP TABLE wagtailcore_page; --")
    assert found.response.status_code == 200
    assert "raid&#x27;; DROP TABLE wagtailcore_page; --" in found.html
    assert Page.objects.filter(title="Raid response network").exists()


def test_html_in_the_query_is_echoed_escaped(search, spanish_home):
    found = search('<script>alert("x")</script>')
    assert found.response.status_code == 200
    assert "<script>alert" not in found.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in found.html


@pytest.mark.parametrize(
    ("page", "shown"),
    [("abc", 1), ("1e9999", 1), ("9" * 5000, 1), ("0", 2), ("-1", 2), ("99999", 2)],
)
def test_page_numbers_that_are_not_numbers_show_the_first_page_and_out_of_range_the_last(
    search, page_in, page, shown
):
    for number in range(12):
        page_in("en", f"Raid report {number:02}")
    found = search("raid", page=page)
    assert found.response.status_code == 200
    assert f"Page {shown} of 2" in found.html
    assert len(found.titles) == {1: 10, 2: 2}[shown]


@pytest.mark.parametrize("query_string", ["q=%FF%FE+raid", "q=raid+caf\xe9", "q=raid%ED%A0%80"])
def test_bytes_that_are_not_utf8_do_not_break_the_page(client, page_in, query_string):
    page_in("en", "Raid response network")
    response = client.get("/en/search/", QUERY_STRING=query_string)
    assert response.status_code == 200
    assert 'id="search-query" type="search" name="q" value="' in response.content.decode()


def test_the_words_around_bytes_that_are_not_utf8_are_still_searched(client, page_in):
    page_in("en", "Raid response network")
    response = client.get("/en/search/", QUERY_STRING="q=%FF%FE+raid")
    assert "<mark>Raid</mark> response network" in response.content.decode()


def test_posting_to_the_search_page_is_refused(client, spanish_home):
    assert client.post("/en/search/", {"q": "raid"}).status_code == 405
