"""Every page of the demo site, in both languages, is valid, accessible HTML.

The demo is the real content this site was made for (each app's demo_content/): rich text,
images, documents and links that factories do not write. The checks are those of
tests/test_html_validity.py (tests/html_checks.py).
"""

import pytest
from wagtail.models import Page

from petitions.models import PetitionPage
from tests.html_checks import html_problems

pytestmark = pytest.mark.django_db


def test_every_demo_page_in_both_languages_is_valid_accessible_html(client, demo_site):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    urls = [page.url for page in pages]
    urls += [page.thanks_url() for page in pages if isinstance(page, PetitionPage)]
    assert {url.split("/")[1] for url in urls} == {"en", "es"}
    assert len(urls) > 100  # every post, report, toolkit and petition of the demo

    problems = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if found := html_problems(response.content.decode()):
            problems[url] = found
    assert problems == {}
