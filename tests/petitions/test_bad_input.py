"""Bad input gets a clear answer in the page's language, never a 500 and never a row."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from petitions.models import PetitionPage, Signature
from tests.petitions.factories import SignerFormDataFactory

pytestmark = pytest.mark.django_db

ENGLISH_URL = "/en/petitions/stop-powering-ice/"
SPANISH_URL = "/es/petitions/stop-powering-ice/"


def error_for(html, field):
    """The error text shown next to a field, checking it is tied to the input."""
    assert f'aria-describedby="id_{field}_error"' in html
    start = html.index(f'id="id_{field}_error"')
    return html[start : html.index("</ul>", start)]


@pytest.mark.parametrize(
    ("field", "value", "in_english", "in_spanish"),
    [
        ("first_name", "", "Please fill in this field.", "Llena este campo, por favor."),
        ("email", "tania@", "Enter a valid email address", "Escribe un correo electrónico válido"),
        ("postal_code", "<85007>", "Enter a valid ZIP code", "Escribe un código postal válido"),
        (
            "last_name",
            "x" * 101,
            "Please keep it to 100 characters (it has 101).",
            "Usa 100 caracteres como máximo (tiene 101).",
        ),
        (
            "first_name",
            "<script>alert(1)</script>",
            "Please write your name without &lt; or &gt; signs.",
            "Escribe tu nombre sin los signos &lt; o &gt;.",
        ),
        (
            "last_name",
            "Ulloa\u202e",
            "Your name has characters we can&#x27;t read.",
            "Tu nombre tiene caracteres que no podemos leer.",
        ),
    ],
)
def test_invalid_field_gets_a_message_next_to_it_in_each_language(
    client, spanish_petition, field, value, in_english, in_spanish
):
    data = {**SignerFormDataFactory(first_name="Ana", email="ana@example.org"), field: value}
    for url, message in ((ENGLISH_URL, in_english), (SPANISH_URL, in_spanish)):
        response = client.post(url, data)
        html = response.content.decode()
        assert response.status_code == 400
        assert message in error_for(html, field)
        assert 'aria-invalid="true"' in html
    assert Signature.objects.count() == 0


@pytest.mark.parametrize("name", ["Ana<", "Ana>", "<Ana"])
def test_a_name_with_either_sign_alone_is_refused(client, petition, name):
    response = client.post(ENGLISH_URL, SignerFormDataFactory(first_name=name))
    assert response.status_code == 400
    assert "Please write your name without &lt; or &gt; signs." in error_for(
        response.content.decode(), "first_name"
    )
    assert Signature.objects.count() == 0


def test_other_answers_are_kept_after_an_error(client, petition):
    data = SignerFormDataFactory(
        first_name="Ana", last_name="O'Brien-López", email="not-an-email", opt_in="on"
    )
    html = client.post(ENGLISH_URL, data).content.decode()
    assert 'value="Ana"' in html
    assert 'value="O&#x27;Brien-López"' in html
    assert 'value="not-an-email"' in html
    assert 'value="85007"' in html
    assert 'name="opt_in" id="id_opt_in" checked' in html


def test_script_in_a_name_is_never_rendered_as_markup(client, petition):
    data = SignerFormDataFactory(first_name="<script>alert(1)</script>")
    html = client.post(ENGLISH_URL, data).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_percent_encoded_bytes_that_are_not_utf8_are_refused(client, petition):
    body = b"first_name=%FF%FEAna&last_name=L%C3%B3pez&email=ana%40example.org&postal_code=85007"
    response = client.post(ENGLISH_URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "Your name has characters we can&#x27;t read." in response.content.decode()
    assert Signature.objects.count() == 0


def test_raw_latin1_body_from_an_old_form_is_read_as_latin1(client, petition):
    body = b"first_name=Mar\xeda&last_name=L\xf3pez&email=maria%40example.org&postal_code=85007"
    response = client.post(ENGLISH_URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 303
    signature = Signature.objects.get()
    assert (signature.first_name, signature.last_name) == ("María", "López")


def test_form_without_csrf_token_gets_a_spanish_403(spanish_petition):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(SPANISH_URL, SignerFormDataFactory())
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="es">' in html
    assert "No pudimos enviar tu formulario" in html
    assert Signature.objects.count() == 0


def test_form_with_its_csrf_token_signs(petition):
    browser = Client(enforce_csrf_checks=True)
    browser.get(ENGLISH_URL)
    token = browser.cookies["csrftoken"].value
    response = browser.post(ENGLISH_URL, {**SignerFormDataFactory(), "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert Signature.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "in_english", "in_spanish"),
    [
        (
            {"status": "won"},
            "We won! This petition no longer takes signatures.",
            "¡Ganamos! Esta petición ya no recibe firmas.",
        ),
        (
            {"status": "closed"},
            "This petition is closed and no longer takes signatures.",
            "Esta petición está cerrada y ya no recibe firmas.",
        ),
        (
            {"deadline": timezone.now() - timedelta(minutes=1)},
            "This petition is closed and no longer takes signatures.",
            "Esta petición está cerrada y ya no recibe firmas.",
        ),
    ],
)
def test_signing_a_closed_petition_is_refused(
    client, spanish_petition, petition, change, in_english, in_spanish
):
    PetitionPage.objects.filter(translation_key=petition.translation_key).update(**change)
    for url, message in ((ENGLISH_URL, in_english), (SPANISH_URL, in_spanish)):
        response = client.post(url, SignerFormDataFactory())
        html = response.content.decode()
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert message in html
        assert 'class="petition-form"' not in html
    assert Signature.objects.count() == 0


def test_other_methods_are_not_allowed(client, petition):
    assert client.put(ENGLISH_URL).status_code == 405
    assert client.post(f"{ENGLISH_URL}thanks/").status_code == 405
    assert client.get(f"{ENGLISH_URL}no-such-thing/").status_code == 404
