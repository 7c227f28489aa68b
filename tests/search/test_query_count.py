"""One search costs the same number of database queries however many pages match."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def queries_for_one_search(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/search/", {"q": "raid"})
    assert response.status_code == 200
    return len(queries)


def add_matching_pages(home, count, start):
    for number in range(start, start + count):
        StandardPageFactory(
            parent=home,
            title=f"Raid report {number}",
            slug=f"raid-report-{number}",
            body=[("paragraph", f"<p>What happened in raid {number}.</p>")],
        )


def test_a_search_costs_the_same_queries_with_5_or_50_matching_pages(client, home, chrome):
    add_matching_pages(home, 5, start=0)
    client.get("/en/search/", {"q": "raid"})  # The first search of a term records it.
    with_5 = queries_for_one_search(client)

    add_matching_pages(home, 45, start=5)
    # New pages make each process look up its site, header and footer again, once.
    client.get("/en/search/", {"q": "raid"})
    with_50 = queries_for_one_search(client)

    print(f"One search request: {with_5} queries with 5 matches, {with_50} with 50")
    assert with_5 == with_50
