"""The Wagtail internals caching.wagtail_serving relies on (checked against Wagtail 8.0.1).

Each test fails when Wagtail stops behaving the way that module assumes, so an upgrade
that changes them is caught here rather than as slower pages or a wrong site.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from caching.wagtail_serving import serve_page, site_for_request, use_remembered_site
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaigns(home):
    return StandardPageFactory(parent=home, title="Campaigns", slug="campaigns")


def test_wagtail_takes_the_remembered_site_without_asking_the_database(rf, site):
    request = rf.get("/en/", HTTP_HOST="localhost")
    use_remembered_site(request)
    with CaptureQueriesContext(connection) as queries:
        found = Site.find_for_request(request)
    assert found == site
    assert len(queries) == 0


def test_the_remembered_site_is_the_one_wagtail_finds_for_each_host_and_port(rf, site):
    other_root = StandardPageFactory(parent=site.root_page, title="Other", slug="other")
    other = Site.objects.create(hostname="other.example", port=8080, root_page=other_root)
    for host, expected in [("localhost", site), ("other.example:8080", other)]:
        request = rf.get("/", HTTP_HOST=host)
        fresh = rf.get("/", HTTP_HOST=host)
        assert site_for_request(request) == Site.find_for_request(fresh) == expected


def test_wagtail_takes_the_route_serve_page_found(rf, site, campaigns):
    request = rf.get("/en/campaigns/", HTTP_HOST="localhost")
    request.user = None
    serve_page(request, "campaigns/")
    with CaptureQueriesContext(connection) as queries:
        page, _args, _kwargs = Page.route_for_request(request, "/campaigns/")
    assert page.specific == campaigns
    assert len(queries) == 0


def test_a_restricted_page_still_asks_for_its_password(client, campaigns):
    PageViewRestriction.objects.create(
        page=campaigns, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get("/en/campaigns/")
    assert response.status_code == 200
    assert "Campaigns" not in response.content.decode().split("<main", 1)[-1][:2000]
    assert 'name="password"' in response.content.decode()


def test_an_unrestricted_page_is_served_without_reading_view_restrictions(client, campaigns):
    client.get("/en/campaigns/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/campaigns/")
    assert "Campaigns" in response.content.decode()
    assert not [query for query in queries if "wagtailcore_pageviewrestriction" in query["sql"]]
