"""Editors pin search results and see what visitors search for, in the Wagtail admin."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query

pytestmark = pytest.mark.django_db


def test_editors_see_the_most_searched_terms_first(editor_client):
    Query.get("daca").add_hit()
    for _ in range(3):
        Query.get("know your rights").add_hit()

    response = editor_client.get(reverse("search_terms_report"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("know your rights") < html.index("daca")


def test_the_search_terms_report_is_in_the_editors_reports_menu(editor_client):
    assert (
        reverse("search_terms_report")
        in editor_client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_superusers_find_the_search_terms_report_once(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("search_terms_report") in html
    assert reverse("wagtailsearchpromotions:search_terms") not in html


def test_a_result_an_editor_pins_in_the_admin_comes_first_for_visitors(
    editor_client, search, page_in
):
    page_in("en", "Raid response network")
    card = page_in("en", "Know your rights card", intro="Print it and carry it.")
    assert search("raid").titles == ["Raid response network"]

    response = editor_client.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "Raid",
            "editors_picks-TOTAL_FORMS": 1,
            "editors_picks-INITIAL_FORMS": 0,
            "editors_picks-MAX_NUM_FORMS": 1000,
            "editors_picks-0-DELETE": "",
            "editors_picks-0-ORDER": 0,
            "editors_picks-0-page": card.pk,
            "editors_picks-0-description": "What to say if ICE comes.",
        },
    )
    assert response["Location"] == reverse("wagtailsearchpromotions:index")

    found = search("raid")
    assert found.titles == ["Know your rights card", "Raid response network"]
    [pinned] = re.findall(
        r'<li class="search-result search-result--promoted">(.*?)</li>', found.html, re.S
    )
    assert "<strong>Recommended</strong> · Page" in pinned
    assert "Know your rights card</a>" in pinned
    assert "What to say if ICE comes." in pinned


def test_admin_users_who_cannot_pin_results_do_not_see_the_search_terms(client, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(reverse("search_terms_report"))
    assert response.status_code == 302
    assert (
        reverse("search_terms_report")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
