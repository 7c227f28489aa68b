"""What visitors can send: every public input comes back escaped, SQL-looking input is
harmless, forms need their CSRF token, oversized bodies are refused, and no address
of this site redirects to another.

Each app adds its inputs to the lists below; the petition form's fields are checked
through the form it re-renders.
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from wagtail.models import Page

from petitions.models import Signature
from tests.petitions.factories import SignerFormDataFactory
from tests.security.conftest import (
    LISTED_SITE,
    PETITION_URLS,
    assert_escaped,
    assert_stays_on_site,
    form_token,
)

pytestmark = pytest.mark.django_db

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
]
SQL_PAYLOADS = ["' OR '1'='1", "1; DROP TABLE wagtailcore_page; --", "1 UNION SELECT password"]

# Public GET inputs, as URL templates with {payload} where visitor input goes.
PUBLIC_INPUTS = {
    "page path": "/en/{payload}/",
    "spanish page path": "/es/{payload}/",
    "language prefix": "/{payload}/",
    "page number": "/en/?page={payload}",
    "spanish page number": "/es/?page={payload}",
    "any query parameter": "/en/?q={payload}",
    "search": "/en/search/?q={payload}",
    "spanish search": "/es/buscar/?q={payload}",
    "search page number": "/en/search/?q=ice&page={payload}",
    "blog page number": "/en/blog/?page={payload}",
    "spanish blog page number": "/es/blog/?page={payload}",
    "blog category": "/en/blog/category/{payload}/",
    "library page number": "/en/resources/?page={payload}",
    "spanish library page number": "/es/resources/?page={payload}",
    "library filters": "/en/resources/?type={payload}&topic={payload}",
    "petition page path": "/en/petitions/stop-powering-ice/{payload}/",
    "leaving page url": "/en/leaving/?url={payload}",
    "spanish leaving page url": "/es/saliendo/?url={payload}",
    "leaving page url on a listed site": "/en/leaving/?url="
    + quote(LISTED_SITE, safe="")
    + "%2F{payload}",
}

# Every POST a visitor or an editor can make, with the fields it takes.
POST_FORMS = {
    "admin login": ("/admin/login/", {"username": "editor", "password": "x"}),
    "admin password reset": ("/admin/password_reset/", {"email": "editor@example.org"}),
    "page password": ("/en/_util/authenticate_with_password/1/1/", {"password": "x"}),
    "document password": ("/documents/authenticate_with_password/1/", {"password": "x"}),
    "petition signing": (PETITION_URLS[0], SignerFormDataFactory.build()),
    "spanish petition signing": (PETITION_URLS[1], SignerFormDataFactory.build()),
}
PETITION_FIELDS = ["first_name", "last_name", "email", "postal_code"]

REDIRECT_ATTEMPTS = [
    "//evil.example",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "/%2F%2Fevil.example/",
    "/en//evil.example",
    "/https://evil.example/",
    "/en/http:/evil.example/",
]


def url_for(template, payload):
    return template.format(payload=quote(payload, safe=""))


def test_script_in_a_public_input_comes_back_as_text(client, every_page_type, subtests):
    for name, template in PUBLIC_INPUTS.items():
        for payload in XSS_PAYLOADS:
            with subtests.test(name, payload=payload):
                assert_escaped(client.get(url_for(template, payload), follow=True), payload)


def test_sql_in_a_public_input_is_answered_like_any_other_text(client, every_page_type, subtests):
    pages = Page.objects.count()
    for name, template in PUBLIC_INPUTS.items():
        plain = client.get(url_for(template, "plain words"), follow=True)
        for payload in SQL_PAYLOADS:
            with subtests.test(name, payload=payload):
                response = client.get(url_for(template, payload), follow=True)
                assert response.status_code == plain.status_code
    assert Page.objects.count() == pages


def test_an_overlong_or_non_utf8_public_input_gets_the_answer_plain_words_get(
    client, every_page_type, subtests
):
    """A page number or search of 11,000 characters, or of bytes that are no UTF-8, is
    answered like any other wrong or unknown value; only the "You are leaving" page refuses
    (400) to offer an address longer than any real link."""
    for name, template in PUBLIC_INPUTS.items():
        plain = client.get(url_for(template, "deportation"), follow=True).status_code
        assert plain < 500, name
        for kind, url in (
            ("overlong", url_for(template, "deportation" * 1000)),
            ("non-UTF-8", template.format(payload="%FF%FE%C0%AF")),
        ):
            refused = (name, kind) == ("leaving page url on a listed site", "overlong")
            with subtests.test(name, input=kind):
                assert client.get(url, follow=True).status_code == (400 if refused else plain)


def test_language_switcher_links_carry_input_only_url_encoded(client, every_page_type, subtests):
    for name in ("search", "leaving page url on a listed site", "page path"):
        with subtests.test(name):
            html = client.get(url_for(PUBLIC_INPUTS[name], XSS_PAYLOADS[1])).content.decode()
            switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.DOTALL)[0]
            links = re.findall(r'href="([^"]*)"', switcher)
            assert links
            for link in links:
                assert link.startswith("/es/"), link
                assert not set(link) & set("<>\"' "), link


def test_script_in_a_petition_field_comes_back_as_text_in_the_form(
    client, every_page_type, settings, subtests
):
    settings.PETITION_RATE_LIMIT = "100/600"  # one visitor posts 32 times here
    for field in PETITION_FIELDS:
        # Another answer is wrong too, so that the form always comes back with every answer.
        wrong = {"postal_code": "?"} if field == "email" else {"email": "not-an-email"}
        for payload in XSS_PAYLOADS:
            for url in PETITION_URLS:
                with subtests.test(field, payload=payload, url=url):
                    response = client.post(
                        url, {**SignerFormDataFactory(), **wrong, field: payload}
                    )
                    assert response.status_code == 400
                    assert 'class="petition-form"' in response.content.decode()
                    assert_escaped(response, payload)
    assert not Signature.objects.exists()


def test_sql_in_petition_fields_is_kept_as_written(client, every_page_type):
    answers = {
        "first_name": SQL_PAYLOADS[0],
        "last_name": "O'Brien'); DROP TABLE petitions_signature; --",
        "email": "robert'--@example.org",
    }
    response = client.post(PETITION_URLS[0], SignerFormDataFactory(**answers))
    assert response.status_code == 303
    signature = Signature.objects.get()
    assert (signature.first_name, signature.last_name, signature.email) == tuple(answers.values())


def test_an_overlong_or_non_utf8_petition_field_is_refused(client, every_page_type, subtests):
    for field in PETITION_FIELDS:
        answers = {name: quote(value) for name, value in SignerFormDataFactory().items()}
        for value in ("9" * 5000, "%FF%FEAna"):
            with subtests.test(field, value=value[:20]):
                body = "&".join(
                    f"{name}={text}" for name, text in {**answers, field: value}.items()
                )
                response = client.post(
                    PETITION_URLS[0], body, content_type="application/x-www-form-urlencoded"
                )
                assert response.status_code == 400
                assert f'aria-describedby="id_{field}_error"' in response.content.decode()
    assert not Signature.objects.exists()


def test_posting_without_a_csrf_token_is_refused(every_page_type, subtests):
    for name, (path, data) in POST_FORMS.items():
        with subtests.test(name):
            assert Client(enforce_csrf_checks=True).post(path, data).status_code == 403
    assert not Signature.objects.exists()


def test_admin_login_works_with_its_csrf_token(superuser, superuser_password):
    client = Client(enforce_csrf_checks=True)
    token = form_token(client.get("/admin/login/"))
    response = client.post(
        "/admin/login/",
        {"username": "admin", "password": superuser_password, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_a_form_body_larger_than_the_limit_is_a_bad_request(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/admin/login/",
        data="username=" + "a" * 2000,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_too_many_form_fields_are_a_bad_request(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    body = "&".join(f"f{n}=1" for n in range(200))
    response = client.post(
        "/admin/login/", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


@pytest.mark.parametrize("path", REDIRECT_ATTEMPTS)
def test_no_path_redirects_to_another_site(client, home, path):
    response = client.get(path)
    assert_stays_on_site(response)
    while response.status_code in {301, 302}:
        response = client.get(response["Location"])
        assert_stays_on_site(response)


@pytest.mark.parametrize(
    "language", ["//evil.example", "https://evil.example", "es/../../evil.example"]
)
def test_the_root_redirect_stays_on_site_whatever_the_language_cookie(client, home, language):
    client.cookies["django_language"] = language
    response = client.get("/", headers={"accept-language": f"{language},es;q=0.5"})
    assert_stays_on_site(response)
    assert response["Location"] in {"/en/", "/es/"}


@pytest.mark.parametrize(
    "next_url",
    ["//evil.example", "https://evil.example/", "/\\evil.example", "https:evil.example"],
)
def test_admin_login_never_sends_the_editor_to_another_site(
    client, superuser, superuser_password, next_url
):
    response = client.post(
        f"/admin/login/?next={quote(next_url, safe='')}",
        {"username": "admin", "password": superuser_password, "next": next_url},
    )
    assert_stays_on_site(response)
    assert response.status_code == 302
