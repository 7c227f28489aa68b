"""What each process remembers between page views (caching/lookups.py) is never out of date:
routes, view restrictions, the header and footer follow every change at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from caching.page_cache import GENERATION_KEY
from tests.home.factories import HeaderFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaigns(home):
    return StandardPageFactory(parent=home, title="Campaigns", slug="campaigns")


@pytest.fixture
def about(campaigns):
    """A page two levels down, viewed once so that its route is remembered."""
    return StandardPageFactory(parent=campaigns, title="About us", slug="about")


def view(client, path):
    client.get(path)
    return client.get(path)


def test_a_page_viewed_before_is_found_in_one_query(client, about):
    view(client, "/en/campaigns/about/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/campaigns/about/")
    assert "About us" in response.content.decode()
    page_queries = [query for query in queries if '"wagtailcore_page"' in query["sql"]]
    assert len(page_queries) <= 2  # the page, and its translations for the switcher


def test_an_unpublished_page_is_gone_at_once(client, about):
    assert view(client, "/en/campaigns/about/").status_code == 200
    about.unpublish()
    assert client.get("/en/campaigns/about/").status_code == 404


def test_a_deleted_section_takes_its_pages_with_it(client, campaigns, about):
    view(client, "/en/campaigns/about/")
    campaigns.delete()
    assert client.get("/en/campaigns/about/").status_code == 404


def test_a_renamed_page_is_found_at_its_new_address(client, about):
    view(client, "/en/campaigns/about/")
    about.slug = "who-we-are"
    about.save_revision().publish()
    assert client.get("/en/campaigns/who-we-are/").status_code == 200
    old = client.get("/en/campaigns/about/")
    assert old.status_code in (301, 404)
    assert "About us" not in old.content.decode()


def test_a_page_made_private_asks_visitors_to_sign_in(client, about):
    view(client, "/en/campaigns/about/")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/campaigns/about/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_pages_in_a_private_section_are_private_too(client, campaigns, about):
    view(client, "/en/campaigns/about/")
    PageViewRestriction.objects.create(page=campaigns, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/en/campaigns/about/").status_code == 302


def test_a_password_protected_page_shows_its_password_form_not_its_content(client, about):
    view(client, "/en/campaigns/about/")
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="organize"
    )
    html = client.get("/en/campaigns/about/").content.decode()
    assert 'name="password"' in html
    assert "About us</h1>" not in html


def test_an_alias_of_a_private_page_is_private(client, home, about):
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    about.create_alias(parent=home, update_slug="about-alias")
    assert client.get("/en/about-alias/").status_code == 302


def test_each_language_has_its_own_header_and_footer(client, spanish_home, chrome):
    english = view(client, "/en/").content.decode()
    spanish = view(client, "/es/").content.decode()
    assert "Paid for in part by Mijente PAC." in english
    assert "Pagado en parte por Mijente PAC." in spanish
    assert "Pagado en parte" not in english


def test_a_changed_header_shows_on_the_next_view(client, home, chrome):
    header, _footer = chrome
    view(client, "/en/")
    header.site_name = "Mijente Hub"
    header.save()
    assert "Mijente Hub" in client.get("/en/").content.decode()


def test_menu_links_lead_to_pages_in_the_readers_language(
    client, home, spanish_home, spanish, translate_now
):
    translated = StandardPageFactory(parent=home, title="Join", slug="join")
    translate_now(translated, spanish, {"Join": "Únete"})
    untranslated = StandardPageFactory(parent=home, title="Archive", slug="archive")
    header = HeaderFactory(
        menu=[
            ("link", {"page": translated, "url": "", "label": ""}),
            ("link", {"page": untranslated, "url": "", "label": ""}),
        ]
    )
    translate_now(header, spanish, {})
    english = view(client, "/en/").content.decode()
    spanish_html = view(client, "/es/").content.decode()
    assert '<a href="/en/join/">Join</a>' in english
    assert '<a href="/es/join/">Únete</a>' in spanish_html
    assert '<a href="/en/archive/">Archive</a>' in spanish_html


def test_a_generation_lost_from_the_cache_makes_every_process_look_again(client, home, chrome):
    header, _footer = chrome
    view(client, "/en/")
    type(header).objects.filter(pk=header.pk).update(site_name="Renamed without signals")
    cache.delete(GENERATION_KEY)  # as when Redis restarts or evicts the key
    assert "Renamed without signals" in client.get("/en/").content.decode()
