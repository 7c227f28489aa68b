"""The anonymous page cache: served from cache, invalidated by content changes, never personal."""

import gzip
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, _does_token_match, _unmask_cipher_token
from django.template import RequestContext, Template
from django.test import Client, RequestFactory, override_settings
from wagtail.models import PageViewRestriction, Site

from caching.page_cache import AnonymousPageCacheMiddleware
from petitions.models import Signature
from tests.home.factories import StandardPageFactory
from tests.petitions.factories import (
    PetitionIndexPageFactory,
    PetitionPageFactory,
    SignerFormDataFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


@pytest.fixture
def about(home):
    return StandardPageFactory(parent=home, title="About us", slug="about")


def fetch(client, path, **headers):
    response = client.get(path, **headers)
    return response.status_code, response.get("X-Page-Cache"), response.content.decode()


def test_anonymous_page_is_served_from_the_cache_per_language(client, spanish_home, chrome):
    assert fetch(client, "/en/")[1] == "miss"
    status, state, html = fetch(client, "/en/")
    assert (status, state) == (200, "hit")
    assert "Organizing for migrant justice" in html
    status, state, html = fetch(client, "/es/")
    assert (status, state) == (200, "miss")
    assert "Organizándonos por la justicia migrante" in html
    assert fetch(client, "/es/")[1] == "hit"


def test_cached_page_still_sets_headers_outer_middlewares_add(client, home):
    fetch(client, "/en/")
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "hit"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Type"].startswith("text/html")


def test_publishing_a_change_is_shown_at_once(client, about):
    assert "About us" in fetch(client, "/en/about/")[2]
    about.title = "About Mijente"
    about.save_revision().publish()
    _status, state, html = fetch(client, "/en/about/")
    assert state == "miss"
    assert "About Mijente" in html


def test_saving_a_draft_keeps_serving_the_live_page(client, about):
    fetch(client, "/en/about/")
    about.title = "Draft title"
    about.save_revision()
    _status, state, html = fetch(client, "/en/about/")
    assert state == "hit"
    assert "Draft title" not in html


def test_unpublishing_a_page_takes_it_off_at_once(client, about):
    fetch(client, "/en/about/")
    about.unpublish()
    assert fetch(client, "/en/about/")[0] == 404


def test_deleting_a_page_takes_it_off_at_once(client, about):
    fetch(client, "/en/about/")
    about.delete()
    assert fetch(client, "/en/about/")[0] == 404


def test_moving_a_page_is_shown_at_once(client, home, about):
    parent = StandardPageFactory(parent=home, title="Campaigns", slug="campaigns")
    fetch(client, "/en/about/")
    about.move(parent, pos="last-child")
    response = client.get("/en/about/")
    assert (response.status_code, response["Location"]) == (301, "/en/campaigns/about/")
    assert fetch(client, "/en/campaigns/about/")[0] == 200


def test_publishing_a_translation_is_shown_at_once(client, spanish_home, spanish, translate_now):
    fetch(client, "/es/")
    translate_now(
        spanish_home.get_translation(spanish.get_default()),
        spanish,
        {
            "Organizing for migrant justice": "Nos organizamos por la justicia migrante",
        },
    )
    assert "Nos organizamos por la justicia migrante" in fetch(client, "/es/")[2]


@pytest.mark.parametrize("field", ["header", "footer"])
def test_changing_a_snippet_is_shown_at_once(client, home, chrome, field):
    header, footer = chrome
    fetch(client, "/en/")
    if field == "header":
        header.site_name = "Mijente Hub"
        header.save()
        expected = "Mijente Hub"
    else:
        footer.legal_disclaimer = "Paid for by the people."
        footer.save()
        expected = "Paid for by the people."
    _status, state, html = fetch(client, "/en/")
    assert state == "miss"
    assert expected in html


def test_changing_the_site_is_shown_at_once(client, home):
    fetch(client, "/en/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed"
    site.save()
    assert fetch(client, "/en/")[1] == "miss"


def test_editors_always_get_a_fresh_page_without_touching_the_cache(
    client, home, django_user_model
):
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(editor)
    for _ in range(2):
        response = client.get("/en/")
        assert response.get("X-Page-Cache") is None
        assert "wagtail-userbar" in response.content.decode()
    client.logout()
    client.cookies.clear()
    _status, state, html = fetch(client, "/en/")
    assert state == "miss"
    assert "wagtail-userbar" not in html


def test_visitor_with_pending_messages_gets_a_fresh_page(client, home, rf):
    fetch(client, "/en/")
    request = rf.get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "Thank you for signing")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    assert fetch(client, "/en/")[1] is None


def test_tracking_parameters_share_the_cached_page_and_unknown_ones_bypass_it(client, home):
    fetch(client, "/en/")
    assert fetch(client, "/en/?utm_source=whatsapp&fbclid=abc")[1] == "hit"
    assert fetch(client, "/en/?page=2")[1] == "miss"
    assert fetch(client, "/en/?page=2")[1] == "hit"
    assert fetch(client, "/en/?nonsense=1")[1] is None


def test_not_found_pages_and_posts_are_not_cached(client, home):
    assert fetch(client, "/en/missing/")[:2] == (404, "miss")
    assert fetch(client, "/en/missing/")[:2] == (404, "miss")
    assert client.post("/en/").get("X-Page-Cache") is None


def test_short_lived_pages_are_kept_no_longer_than_their_max_age(rf, later):
    counts = iter(["8,889", "8,890"])

    def counting_page(request):
        response = HttpResponse(f"{next(counts)} of 9,000 signatures")
        response["Cache-Control"] = "max-age=5"
        return response

    middleware = AnonymousPageCacheMiddleware(counting_page)

    def view():
        return middleware(rf.get("/en/petition/")).content.decode()

    assert view() == "8,889 of 9,000 signatures"
    later(seconds=3)
    assert view() == "8,889 of 9,000 signatures"
    later(seconds=5.1)
    assert view() == "8,890 of 9,000 signatures"


@pytest.mark.parametrize("cache_control", ["private", "no-store", "no-cache"])
def test_a_page_marked_private_or_not_to_be_kept_is_never_shown_to_the_next_visitor(
    rf, cache_control
):
    visits = []

    def personal_page(request):
        visits.append(request)
        response = HttpResponse(f"Hello, visitor {len(visits)}")
        response["Cache-Control"] = cache_control
        return response

    middleware = AnonymousPageCacheMiddleware(personal_page)
    middleware(rf.get("/en/account/"))
    second = middleware(rf.get("/en/account/"))
    assert (second["X-Page-Cache"], second.content) == ("miss", b"Hello, visitor 2")


def render_form(request):
    html = Template("<form method=post>{% csrf_token %}</form>").render(RequestContext(request))
    return HttpResponse(html)


def visit(middleware, cookie=None):
    """A visitor's GET through the CSRF and page-cache middlewares: (token in page, cookie)."""
    request = RequestFactory().get("/en/petition/")
    if cookie:
        request.COOKIES["csrftoken"] = cookie
    response = middleware(request)
    token = response.content.decode().split('value="')[1].split('"')[0]
    return (
        response,
        token,
        response.cookies["csrftoken"].value if "csrftoken" in response.cookies else cookie,
    )


def test_each_visitor_gets_their_own_working_csrf_token_from_a_cached_page():
    middleware = CsrfViewMiddleware(AnonymousPageCacheMiddleware(render_form))
    first, first_token, first_cookie = visit(middleware)
    second, second_token, second_cookie = visit(middleware)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first_cookie != second_cookie
    assert first_token != second_token
    assert _does_token_match(_unmask_cipher_token(second_token), second_cookie)
    assert not _does_token_match(_unmask_cipher_token(second_token), first_cookie)
    assert "__hub_csrf_token__" not in second.content.decode()


def test_returning_visitor_keeps_their_csrf_cookie_on_a_cached_page():
    middleware = CsrfViewMiddleware(AnonymousPageCacheMiddleware(render_form))
    visit(middleware)
    _, _token, cookie = visit(middleware)
    response, token, same_cookie = visit(middleware, cookie=cookie)
    assert response["X-Page-Cache"] == "hit"
    assert same_cookie == cookie
    assert _does_token_match(_unmask_cipher_token(token), cookie)


@pytest.fixture
def petition(home):
    index = PetitionIndexPageFactory(parent=home, slug="petitions")
    return PetitionPageFactory(parent=index, slug="stop-raids", goal=100)


def signature_count(html):
    return int(re.search(r'data-signature-count="(\d+)"', html)[1])


def test_petition_form_from_a_cached_page_signs_the_petition(home, petition):
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(petition.url)["X-Page-Cache"] == "miss"
    cached = browser.get(petition.url)
    assert cached["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', cached.content.decode())[1]
    response = browser.post(
        petition.url,
        {**SignerFormDataFactory(email="ana@example.org"), "csrfmiddlewaretoken": token},
    )
    assert (response.status_code, response["Location"]) == (303, f"{petition.url}thanks/")
    assert Signature.objects.filter(email="ana@example.org").exists()


def test_petition_form_from_a_cached_compressed_page_signs_the_petition(home, petition):
    """Browsers ask for gzip: the compressed copy must carry the visitor's own token too."""
    browser = Client(enforce_csrf_checks=True, headers={"accept-encoding": "gzip"})
    browser.get(petition.url)
    cached = browser.get(petition.url)
    assert (cached["X-Page-Cache"], cached["Content-Encoding"]) == ("hit", "gzip")
    html = gzip.decompress(cached.content).decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    response = browser.post(
        petition.url,
        {**SignerFormDataFactory(email="ana@example.org"), "csrfmiddlewaretoken": token},
    )
    assert (response.status_code, response["Location"]) == (303, f"{petition.url}thanks/")
    assert Signature.objects.filter(email="ana@example.org").exists()


def test_a_new_signature_shows_on_the_petition_page_within_5_seconds(client, later, petition):
    client.get(petition.url)
    assert signature_count(client.get(petition.url).content.decode()) == 0
    client.post(petition.url, SignerFormDataFactory())
    _status, state, html = fetch(client, petition.url)
    assert state == "hit"  # at most 5 seconds old
    later(seconds=5.1)
    _status, state, html = fetch(client, petition.url)
    assert state == "miss"
    assert signature_count(html) == 1
    assert signature_count(fetch(client, "/en/petitions/")[2]) == 1


def test_petition_pages_are_cached_for_5_seconds_at_most(client, later, petition):
    pages = (petition.url, "/en/petitions/", "/en/")
    for url in pages:
        assert fetch(client, url)[1] == "miss"
    later(seconds=3)
    assert [fetch(client, url)[1] for url in pages] == ["hit", "hit", "hit"]
    later(seconds=5.1)  # the counts are fresh again; the home page keeps its 5 minutes
    assert [fetch(client, url)[1] for url in pages] == ["miss", "miss", "hit"]


def test_making_a_page_private_takes_its_cached_copy_off(client, about):
    fetch(client, "/en/about/")
    assert fetch(client, "/en/about/")[1] == "hit"
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert fetch(client, "/en/about/")[0] == 302


def test_a_page_cached_while_a_change_was_saved_is_dropped_once_the_change_commits(
    client, about, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "About Mijente"
        about.save_revision().publish()
        fetch(client, "/en/about/")  # another request, before the change commits
        assert fetch(client, "/en/about/")[1] == "hit"
    assert fetch(client, "/en/about/")[1] == "miss"


def test_cached_pages_are_sent_gzipped_to_browsers_that_accept_it(client, home, chrome):
    fresh = client.get("/en/", headers={"accept-encoding": "gzip"})
    cached = client.get("/en/", headers={"accept-encoding": "gzip"})
    plain = client.get("/en/")
    assert (fresh["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    assert fresh["Content-Encoding"] == cached["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in cached["Vary"]
    assert "Content-Encoding" not in plain
    assert gzip.decompress(cached.content) == gzip.decompress(fresh.content) == plain.content


def test_a_cached_page_is_compressed_once_when_stored_not_on_every_visit(client, home, chrome):
    """GZipPagesMiddleware pads every compression at random (against BREACH): two visits
    getting the very same bytes were both sent the copy compressed when it was stored."""
    client.get("/en/", headers={"accept-encoding": "gzip"})
    first, second = (client.get("/en/", headers={"accept-encoding": "gzip"}) for _ in range(2))
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("hit", "hit")
    assert first["Content-Encoding"] == "gzip"
    assert first.content == second.content
    # Shared caches on the way must not hand the compressed copy to a browser without gzip.
    assert "Accept-Encoding" in [name.strip() for name in first["Vary"].split(",")]
