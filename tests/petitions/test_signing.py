"""Signing a petition in either language: one count, one signature per email, thank-you page."""

import re
from datetime import timedelta
from html import unescape
from unittest import mock
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.core import mail
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from petitions.models import Signature
from tests.petitions.factories import PetitionPageFactory, SignerFormDataFactory

pytestmark = pytest.mark.django_db

ENGLISH_URL = "/en/petitions/stop-powering-ice/"
SPANISH_URL = "/es/petitions/stop-powering-ice/"


def test_signing_stores_the_signature_and_redirects_to_the_thank_you_page(client, petition):
    data = SignerFormDataFactory(
        first_name="Ana", last_name="López", email="  Ana.Lopez@Example.ORG ", opt_in="on"
    )
    response = client.post(ENGLISH_URL, data, REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 303
    assert response["Location"] == f"{ENGLISH_URL}thanks/"
    signature = Signature.objects.get()
    assert signature.petition_key == petition.translation_key
    assert (signature.first_name, signature.last_name) == ("Ana", "López")
    assert signature.email == "ana.lopez@example.org"
    assert signature.postal_code == "85007"
    assert signature.opt_in is True
    assert signature.language == "en"
    assert signature.created_at is not None
    assert len(signature.ip_hash) == 64
    assert "203.0.113.9" not in signature.ip_hash


def test_a_postal_code_typed_in_lower_case_is_stored_in_capitals(client, petition):
    client.post(ENGLISH_URL, SignerFormDataFactory(postal_code=" sw1a 1aa "))
    assert Signature.objects.get().postal_code == "SW1A 1AA"


def test_updates_box_is_unticked_by_default_and_its_wording_editable(client, petition):
    html = client.get(ENGLISH_URL).content.decode()
    assert '<input type="checkbox" name="opt_in" id="id_opt_in">' in html
    assert "Keep me updated on this campaign and Mijente&#x27;s work." in html

    petition.opt_in_label = "Text me about actions near me"
    petition.save_revision().publish()
    assert "Text me about actions near me" in client.get(ENGLISH_URL).content.decode()

    client.post(ENGLISH_URL, SignerFormDataFactory())
    assert Signature.objects.get().opt_in is False


def test_updates_box_is_worded_in_spanish_on_the_spanish_page(client, spanish_petition):
    html = client.get(SPANISH_URL).content.decode()
    assert "Mantenme al tanto de esta campaña y del trabajo de Mijente." in html


def test_thank_you_page_reloads_without_signing_again(client, shown, petition):
    response = client.post(ENGLISH_URL, SignerFormDataFactory(), follow=True)
    assert response.redirect_chain == [(f"{ENGLISH_URL}thanks/", 303)]
    assert client.get(f"{ENGLISH_URL}thanks/").status_code == 200
    assert Signature.objects.count() == 1
    assert shown(ENGLISH_URL) == (1, 9000)


def test_signing_spanish_page_raises_english_count(client, shown, spanish_petition, petition):
    response = client.post(SPANISH_URL, SignerFormDataFactory())
    assert response["Location"] == f"{SPANISH_URL}thanks/"
    assert Signature.objects.get().language == "es"
    assert shown(ENGLISH_URL) == (1, 9000)
    assert shown(SPANISH_URL) == (1, 9000)

    client.post(ENGLISH_URL, SignerFormDataFactory())
    assert shown(SPANISH_URL) == (2, 9000)
    assert shown("/es/petitions/") == (2, 9000)


def test_thank_you_page_offers_share_links_with_the_share_text(client, petition):
    html = client.get(f"{ENGLISH_URL}thanks/").content.decode()
    assert "Thank you for signing!" in html
    assert "Thanks for standing with us." in html
    links = {
        network: url.replace("&amp;", "&")
        for network, url in re.findall(r'share-links__link--(\w+)" href="([^"]+)"', html)
    }
    assert list(links) == ["whatsapp", "email", "facebook", "x"]
    petition_url = "http://localhost/en/petitions/stop-powering-ice/"
    share_text = "I signed: tell Amazon to stop powering ICE!"
    email = parse_qs(urlsplit(links["email"]).query)
    assert email["body"] == [f"{share_text} {petition_url}"]
    assert parse_qs(urlsplit(links["whatsapp"]).query)["text"] == [f"{share_text} {petition_url}"]
    assert parse_qs(urlsplit(links["facebook"]).query)["u"] == [petition_url]
    assert parse_qs(urlsplit(links["x"]).query) == {"text": [share_text], "url": [petition_url]}


def share_buttons(html):
    """The thank-you page's share buttons: {network: (label, link)}."""
    return {
        network: (label, unescape(url))
        for network, url, label in re.findall(
            r'share-links__link--(\w+)" href="([^"]+)" rel="noopener">([^<]+)</a>', html
        )
    }


def test_share_buttons_say_where_they_share_and_open_that_networks_composer(client, petition):
    buttons = share_buttons(client.get(f"{ENGLISH_URL}thanks/").content.decode())
    assert {network: label for network, (label, _link) in buttons.items()} == {
        "whatsapp": "Share on WhatsApp",
        "email": "Share by email",
        "facebook": "Share on Facebook",
        "x": "Share on X",
    }
    assert {network: link.split("?")[0] for network, (_label, link) in buttons.items()} == {
        "whatsapp": "https://wa.me/",
        "email": "mailto:",
        "facebook": "https://www.facebook.com/sharer/sharer.php",
        "x": "https://x.com/intent/post",
    }


def test_email_share_has_the_title_as_subject_and_keeps_the_spaces(client, petition):
    """Mail apps read a mailto: link's + as a plus sign, not a space: spaces are %20."""
    _label, link = share_buttons(client.get(f"{ENGLISH_URL}thanks/").content.decode())["email"]
    fields = dict(field.split("=", 1) for field in urlsplit(link).query.split("&"))
    assert unquote(fields["subject"]) == "Tell Amazon: Stop Powering ICE!"
    assert unquote(fields["body"]) == (
        "I signed: tell Amazon to stop powering ICE! "
        "http://localhost/en/petitions/stop-powering-ice/"
    )


def test_spanish_thank_you_page_is_in_spanish(client, spanish_petition):
    html = client.get(f"{SPANISH_URL}thanks/").content.decode()
    assert "¡Gracias por firmar!" in html
    assert "Gracias por estar con nosotros." in html
    assert "Compártela" in html
    network, url = re.search(r'share-links__link--(\w+)" href="([^"]+)"', html).groups()
    assert network == "whatsapp"
    assert parse_qs(urlsplit(url.replace("&amp;", "&")).query)["text"] == [
        f"Firmé: ¡dile a Amazon que deje de impulsar a ICE! http://localhost{SPANISH_URL}"
    ]
    assert ">Comparte en WhatsApp</a>" in html


def test_thank_you_page_suggests_another_open_petition(client, petition_index, petition):
    PetitionPageFactory(parent=petition_index, title="Already won", status="won")
    PetitionPageFactory(parent=petition_index, title="Free Alex")
    html = client.get(f"{ENGLISH_URL}thanks/").content.decode()
    assert "Sign another petition" in html
    assert ">Free Alex</a></h3>" in html
    assert "Already won" not in html


def test_thank_you_page_suggests_the_newest_other_open_petition(client, petition_index, petition):
    PetitionPageFactory(
        parent=petition_index,
        title="Older ask",
        first_published_at=timezone.now() - timedelta(days=30),
    )
    PetitionPageFactory(parent=petition_index, title="Free Alex")
    html = client.get(f"{ENGLISH_URL}thanks/").content.decode()
    assert ">Free Alex</a></h3>" in html
    assert "Older ask" not in html


def test_thank_you_page_never_suggests_the_petition_just_signed(client, petition):
    html = client.get(f"{ENGLISH_URL}thanks/").content.decode()
    assert "Sign another petition" not in html


def test_signing_again_with_the_same_email_counts_once(client, shown, spanish_petition, petition):
    client.post(ENGLISH_URL, SignerFormDataFactory(email="tania@example.org"))
    response = client.post(
        SPANISH_URL, SignerFormDataFactory(email="  TANIA@Example.org "), follow=True
    )
    assert response.status_code == 200
    assert "Ya habías firmado esta petición con este correo" in response.content.decode()
    assert Signature.objects.count() == 1
    assert shown(ENGLISH_URL) == (1, 9000)


def test_the_same_email_can_sign_another_petition(client, petition_index, petition):
    other = PetitionPageFactory(parent=petition_index, slug="free-alex")
    client.post(ENGLISH_URL, SignerFormDataFactory(email="tania@example.org"))
    client.post(other.url, SignerFormDataFactory(email="tania@example.org"))
    assert Signature.objects.count() == 2


def test_signer_gets_a_thank_you_email_in_their_language(client, spanish_petition):
    client.post(SPANISH_URL, SignerFormDataFactory(first_name="Ana", email="Ana@Example.org"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert message.subject == "Gracias por firmar: Dile a Amazon: ¡Deja de impulsar a ICE!"
    assert "Hola, Ana:" in message.body
    assert "Gracias por estar con nosotros." in message.body
    assert "http://localhost/es/petitions/stop-powering-ice/" in message.body


def test_signing_twice_sends_one_email(client, petition):
    client.post(ENGLISH_URL, SignerFormDataFactory(email="tania@example.org"))
    client.post(ENGLISH_URL, SignerFormDataFactory(email="tania@example.org"))
    assert len(mail.outbox) == 1


def test_mail_server_failure_keeps_the_signature(client, petition, settings):
    settings.MAIL_DELIVERY_BACKEND = "tests.refusing_mail.RefusingEmailBackend"
    response = client.post(ENGLISH_URL, SignerFormDataFactory())
    assert response.status_code == 303
    assert Signature.objects.count() == 1
    assert mail.outbox == []


def test_unreachable_queue_is_logged_with_the_petition_but_not_the_signer(client, petition, caplog):
    with mock.patch("petitions.emails.send_mail", side_effect=DatabaseError("ana@example.org")):
        response = client.post(ENGLISH_URL, SignerFormDataFactory(email="ana@example.org"))
    assert response.status_code == 303
    assert Signature.objects.count() == 1
    [record] = [r for r in caplog.records if r.name == "petitions.emails"]
    assert record.levelname == "WARNING"
    assert record.getMessage() == (
        f"Could not queue the thank-you email for petition {petition.translation_key}: "
        "DatabaseError"
    )


def test_confirmation_email_can_be_switched_off(client, petition, settings):
    settings.PETITION_CONFIRMATION_EMAIL = False
    client.post(ENGLISH_URL, SignerFormDataFactory())
    assert Signature.objects.count() == 1
    assert mail.outbox == []


def test_signing_runs_at_most_5_queries_one_of_them_the_insert(client, petition):
    client.get(ENGLISH_URL)  # a running site has looked up its site and routes already
    with CaptureQueriesContext(connection) as queries:
        response = client.post(ENGLISH_URL, SignerFormDataFactory())
    assert response.status_code == 303
    statements = [query["sql"].split()[0] for query in queries]
    # The petition (its route remembered: caching/lookups.py), then the insert in its
    # savepoint (a transaction of its own outside tests).
    assert statements.count("INSERT") == 1
    assert len(queries) <= 5
