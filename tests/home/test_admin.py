"""Editors reach every home app model in the Wagtail admin."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_header_and_footer_are_listed_with_their_languages(admin_listing, chrome):
    assert sorted(admin_listing(reverse("wagtailsnippets_home_header:list"))) == [
        ("Mijente", "English"),
        ("Mijente", "Español"),
    ]
    assert sorted(admin_listing(reverse("wagtailsnippets_home_footer:list"))) == [
        ("Footer (English)", "English"),
        ("Footer (Español)", "Español"),
    ]


def test_editor_can_create_a_standard_page_under_the_home_page(superuser_client, home):
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", home.pk))
    response = superuser_client.post(
        url,
        {
            "title": "Organizing with Mijente",
            "slug": "organizing",
            "intro": "How we win on immigration.",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    assert superuser_client.get("/en/organizing/").status_code == 200
