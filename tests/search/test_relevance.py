"""What comes first: title matches, then the results editors pinned above everything."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

pytestmark = pytest.mark.django_db


def promote(query, page=None, description="", **link):
    SearchPromotion.objects.create(
        query=Query.get(query), page=page, description=description, sort_order=0, **link
    )


def test_a_title_match_ranks_above_a_body_only_match(search, page_in):
    page_in("en", "Raid response network", intro="Call us.")
    page_in("en", "Community meeting", intro="We talk about the raid on the plant.")
    assert search("raid").titles == ["Raid response network", "Community meeting"]


def test_a_promoted_page_comes_first_and_only_once(search, page_in):
    page_in("en", "Raid response network")
    pinned = page_in("en", "Know your rights", intro="Print this card.")
    page_in("en", "After the raid")
    promote("raid", pinned, description="Carry this card: what to say if ICE comes.")

    found = search("raid")
    assert found.titles[0] == "Know your rights"
    assert sorted(found.titles[1:]) == ["After the raid", "Raid response network"]
    assert "<strong>Recommended</strong> · Page" in found.html
    assert "Carry this card: what to say if ICE comes." in found.html
    assert "3 results for “raid”" in found.html


def test_a_promoted_page_shows_as_its_translation_to_spanish_readers(
    search, page_in, spanish, translate_now
):
    pinned = page_in("en", "Know your rights")
    translate_now(pinned, spanish, {"Know your rights": "Conoce tus derechos"})
    promote("daca", pinned)

    found = search("DACA", language="es")
    assert found.titles == ["Conoce tus derechos"]
    assert "<strong>Recomendado</strong> · Página" in found.html


def test_a_promoted_page_without_a_translation_is_not_shown_to_spanish_readers(search, page_in):
    promote("daca", page_in("en", "Know your rights"))
    assert search("daca", language="es").titles == []


def test_a_promoted_link_to_another_site_is_shown_first(search, page_in):
    page_in("en", "DACA renewal clinic")
    promote(
        "daca",
        external_link_url="https://www.uscis.gov/DACA",
        external_link_text="USCIS: DACA",
        description="The government's page.",
    )
    found = search("daca")
    assert found.titles == ["USCIS: DACA", "DACA renewal clinic"]
    assert '<a href="https://www.uscis.gov/DACA">USCIS: <mark>DACA</mark></a>' in found.html
    assert "<strong>Recommended</strong> · Link" in found.html


def test_each_search_is_counted_once_for_the_search_terms_report(search, page_in):
    for number in range(12):
        page_in("en", f"Raid report {number}")
    search("Raid")
    search("raid  ")
    search("raid", page=2)
    search("")
    search("!!!")
    assert Query.get("raid").hits == 2
    assert list(Query.objects.values_list("query_string", flat=True)) == ["raid"]


def test_search_pages_are_not_kept_by_shared_caches_that_would_skip_the_count(search, page_in):
    page_in("en", "Raid response network")
    assert "private" in search("raid").response["Cache-Control"]
