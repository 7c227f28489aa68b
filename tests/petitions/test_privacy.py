"""No signer's email, last name or ZIP code in search or logs (public pages: tests/security)."""

import logging

import pytest
from modelsearch.index import class_is_indexed
from wagtail.models import Page

from petitions.models import PetitionPage, Signature
from tests.petitions.factories import SignerFormDataFactory

pytestmark = pytest.mark.django_db

PRIVATE = {
    "last_name": "Xochiquetzal",
    "email": "private.signer@example.org",
    "postal_code": "85099",
}


def assert_private(text):
    for value in PRIVATE.values():
        assert value.casefold() not in text.casefold()


def test_signer_data_is_not_searchable(client, petition):
    client.post("/en/petitions/stop-powering-ice/", SignerFormDataFactory(**PRIVATE))
    petition.save_revision().publish()  # reindex the page after it has signatures
    assert list(Page.objects.live().search("Amazon")) == [petition.page_ptr]
    for value in PRIVATE.values():
        assert list(Page.objects.live().search(value)) == []
    assert not class_is_indexed(Signature)
    indexed = {field.field_name for field in PetitionPage.search_fields}
    assert indexed.isdisjoint({field.name for field in Signature._meta.get_fields()} - {"id"})


def test_signer_data_is_never_logged(client, settings, caplog, petition):
    """Signing, signing twice, a mistake, a mail server that refuses, the rate limit: the
    logs name the petition and what happened, never the signer or their address."""
    settings.PETITION_RATE_LIMIT = "3/600"
    url = "/en/petitions/stop-powering-ice/"
    address = "203.0.113.77"
    caplog.set_level(logging.DEBUG)
    settings.MAIL_DELIVERY_BACKEND = "tests.refusing_mail.RefusingEmailBackend"
    response = client.post(url, SignerFormDataFactory(**PRIVATE), REMOTE_ADDR=address)
    assert response.status_code == 303
    response = client.post(url, SignerFormDataFactory(**PRIVATE), REMOTE_ADDR=address)
    assert response.status_code == 303
    assert client.post(url, {**PRIVATE, "first_name": ""}, REMOTE_ADDR=address).status_code == 400
    response = client.post(url, SignerFormDataFactory(**PRIVATE), REMOTE_ADDR=address)
    assert response.status_code == 429
    assert "Attempt 1: SMTPRecipientsRefused: the mail server refused 1 recipient" in caplog.text
    assert "Too Many Requests" in caplog.text
    assert_private(caplog.text)
    assert address not in caplog.text
