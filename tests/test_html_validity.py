"""Every page type is valid, accessible HTML, in both languages (tests/html_checks.py)."""

import pytest
from django.test import Client
from django.views import defaults

from tests.html_checks import html_problems
from tests.pages import SUPPORT_SITE

pytestmark = pytest.mark.django_db


def test_html_checks_catch_what_they_are_meant_to_catch():
    page = (
        '<!DOCTYPE html><html><head><title>t</title></head><body><main id="a">'
        '<h1>One</h1><h3>Skipped</h3><img src="x.png"><p id="a"><div>d</div></p>'
        '<form><form></form></form><a href="/"></a><input name="q" style="color: red">'
        "</main></body></html>"
    )
    problems = html_problems(page)
    for expected in (
        "unexpected-end-tag",
        "unexpected-start-tag",
        "id 'a' is used 2 times",
        "<html> has no lang",
        "<img src='x.png'> has no alt",
        "an h3 follows an h1",
        "<a href='/'> has no text",
        "<input name='q'> has no label",
        "inline style",
    ):
        assert any(expected in problem for problem in problems), expected


PAGES = [
    ("/en/", 200),
    ("/es/", 200),
    ("/en/about/", 200),
    ("/es/about/", 200),
    ("/en/blog/", 200),
    ("/en/blog/?page=2", 200),
    ("/en/blog/category/press-release/", 200),
    ("/en/blog/2018/", 200),
    ("/en/blog/post-11/", 200),
    ("/es/blog/post-11/", 200),
    ("/en/resources/", 200),
    ("/en/resources/?type=nothing", 400),
    ("/en/resources/report/", 200),
    ("/es/resources/report/", 200),
    ("/en/resources/toolkit/", 200),
    ("/en/resources/guide/", 200),
    ("/en/petitions/", 200),
    ("/es/petitions/", 200),
    ("/en/petitions/stop-powering-ice/", 200),
    ("/es/petitions/stop-powering-ice/", 200),
    ("/en/petitions/closed/", 200),
    ("/en/petitions/won/", 200),
    ("/en/petitions/stop-powering-ice/thanks/", 200),
    ("/es/petitions/stop-powering-ice/thanks/", 200),
    ("/en/search/", 200),
    ("/en/search/?q=post", 200),
    ("/es/buscar/?q=nadaparecido", 200),
    (f"/en/leaving/?url={SUPPORT_SITE}", 200),
    (f"/es/saliendo/?url={SUPPORT_SITE}", 200),
    ("/en/leaving/?url=http://elsewhere.example/", 400),
    ("/en/nothing-here/", 404),
    ("/es/nada-aqui/", 404),
]


def test_every_page_type_is_valid_accessible_html(client, every_page_type):
    problems = {}
    for url, status in PAGES:
        response = client.get(url)
        assert response.status_code == status, url
        if found := html_problems(response.content.decode()):
            problems[url] = found
    assert problems == {}


def test_petition_form_with_errors_is_valid_accessible_html(client, every_page_type):
    response = client.post("/es/petitions/stop-powering-ice/", {"email": "not an email"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html
    assert html_problems(html) == []


def test_error_pages_are_valid_accessible_html(rf, home, chrome):
    request = rf.get("/en/somewhere/")
    forbidden = defaults.permission_denied(request, PermissionError())
    server_error = defaults.server_error(request)
    csrf_failure = Client(enforce_csrf_checks=True).post("/en/search/")
    for response, status in ((forbidden, 403), (server_error, 500), (csrf_failure, 403)):
        assert response.status_code == status
        assert html_problems(response.content.decode()) == []
