"""Petition pages and the petition index as visitors read them, in both languages."""

import re
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache.backends import locmem
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from home.models import HomePage, StandardPage
from petitions.models import PetitionIndexPage, PetitionPage, Signature, next_goal
from tests.home.factories import StandardPageFactory
from tests.petitions.factories import PetitionPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def test_petition_page_shows_the_ask_who_made_it_and_the_count(client, petition):
    SignatureFactory.create_batch(3, petition=petition)
    html = client.get("/en/petitions/stop-powering-ice/").content.decode()
    assert "<h1>Tell Amazon: Stop Powering ICE!</h1>" in html
    assert "To: US Attorney Michael Dunavant" in html
    assert "Amazon&#x27;s cloud runs ICE&#x27;s deportation machine." in html
    assert "Created by Mijente" in html
    assert 'data-signature-count="3" data-signature-goal="9000"' in html
    assert "3 of 9,000 signatures" in html
    assert (
        '<form class="petition-form" method="post" action="/en/petitions/stop-powering-ice/">'
        in html
    )


def test_form_labels_are_the_field_names_alone_in_each_language(client, spanish_petition):
    english = client.get("/en/petitions/stop-powering-ice/").content.decode()
    spanish = client.get("/es/petitions/stop-powering-ice/").content.decode()
    assert '<label for="id_first_name">First name</label>' in english
    assert '<label for="id_postal_code">ZIP code</label>' in english
    assert '<label for="id_first_name">Nombre</label>' in spanish


def test_signing_form_comes_right_after_the_title_and_count_before_the_text(client, petition):
    """On a phone the page reads top to bottom, so the form must come before the long text."""
    html = client.get("/en/petitions/stop-powering-ice/").content.decode()
    html = html[html.index("<main") :]
    order = [
        html.index("<h1>"),
        html.index("of 9,000 signatures"),
        html.index('<form class="petition-form"'),
        html.index("Amazon&#x27;s cloud runs ICE&#x27;s deportation machine."),
    ]
    assert order == sorted(order)
    assert '<progress class="petition-progress__bar" max="9000" value="0"' in html


def test_count_includes_signatures_collected_elsewhere(shown, petition):
    petition.signatures_collected_elsewhere = 8886
    petition.save_revision().publish()
    SignatureFactory.create_batch(3, petition=petition)
    assert shown("/en/petitions/stop-powering-ice/") == (8889, 9000)


def test_index_count_includes_signatures_collected_elsewhere(shown, petition):
    petition.signatures_collected_elsewhere = 8886
    petition.save_revision().publish()
    SignatureFactory.create_batch(3, petition=petition)
    assert shown("/en/petitions/") == (8889, 9000)


def test_a_removed_signature_leaves_the_count_within_5_seconds(monkeypatch, shown, petition):
    """Counts are cached for 5 seconds; one a signature left (a removal request) too."""
    SignatureFactory.create_batch(2, petition=petition)
    assert shown("/en/petitions/stop-powering-ice/")[0] == 2
    Signature.objects.filter(email__startswith="signer").first().delete()
    assert shown("/en/petitions/stop-powering-ice/")[0] == 2
    now = time.time()
    monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: now + 5.1))
    assert shown("/en/petitions/stop-powering-ice/")[0] == 1


def test_numbers_are_formatted_for_each_language(client, spanish_petition, petition):
    PetitionPage.objects.filter(translation_key=petition.translation_key).update(
        signatures_collected_elsewhere=8889
    )
    english = client.get("/en/petitions/stop-powering-ice/").content.decode()
    spanish = client.get("/es/petitions/stop-powering-ice/").content.decode()
    assert "8,889 of 9,000 signatures" in english
    # Django's Spanish formats group thousands with a non-breaking space.
    assert "8\xa0889 de 9\xa0000 firmas" in spanish
    assert 'data-signature-count="8889" data-signature-goal="9000"' in spanish


def test_final_count_is_pluralised_in_both_languages(client, spanish_petition, petition):
    PetitionPage.objects.filter(translation_key=petition.translation_key).update(status="won")
    SignatureFactory(petition=petition)
    assert "1 signature</p>" in client.get("/en/petitions/stop-powering-ice/").content.decode()
    assert "1 firma</p>" in client.get("/es/petitions/stop-powering-ice/").content.decode()
    SignatureFactory(petition=petition)
    assert "2 signatures</p>" in client.get("/en/petitions/stop-powering-ice/").content.decode()
    assert "2 firmas</p>" in client.get("/es/petitions/stop-powering-ice/").content.decode()


@pytest.mark.parametrize(
    ("count", "step"),
    [
        (0, 100),
        (100, 200),
        (300, 500),
        (799, 800),
        (800, 1000),
        (1000, 1500),
        (2999, 3000),
        (5000, 10000),
        (10000, 15000),
        (15000, 20000),
        (20000, 30000),
        (50000, 100000),
    ],
)
def test_goal_ladder_steps_follow_the_organizers_ladder(count, step):
    assert next_goal(count) == step


def test_reached_goal_rises_to_the_next_step(shown, petition):
    petition.signatures_collected_elsewhere = 9000
    petition.save_revision().publish()
    assert shown("/en/petitions/stop-powering-ice/") == (9000, 10000)
    SignatureFactory(petition=petition)
    assert shown("/en/petitions/stop-powering-ice/") == (9001, 10000)


def test_fixed_goal_stays_put_when_passed(client, petition):
    petition.signatures_collected_elsewhere = 9500
    petition.fixed_goal = True
    petition.save_revision().publish()
    html = client.get("/en/petitions/stop-powering-ice/").content.decode()
    assert 'data-signature-count="9500" data-signature-goal="9000"' in html
    assert "9,500 of 9,000 signatures" in html


@pytest.mark.parametrize(
    ("status", "heading"), [("won", "We won!"), ("closed", "This petition is closed")]
)
def test_won_or_closed_petition_shows_final_count_and_no_form(client, petition, status, heading):
    SignatureFactory.create_batch(2, petition=petition)
    petition.status = status
    petition.save_revision().publish()
    html = client.get("/en/petitions/stop-powering-ice/").content.decode()
    assert heading in html
    assert "2 signatures" in html
    assert 'data-signature-count="2"' in html
    assert 'class="petition-form"' not in html


def test_petition_closes_by_itself_after_its_deadline(client, petition):
    petition.deadline = timezone.now() + timedelta(days=1)
    petition.save_revision().publish()
    html = client.get("/en/petitions/stop-powering-ice/").content.decode()
    assert 'class="petition-form"' in html and "Signatures close on" in html

    PetitionPage.objects.filter(pk=petition.pk).update(deadline=timezone.now() - timedelta(1))
    html = client.get("/en/petitions/stop-powering-ice/").content.decode()
    assert "This petition is closed" in html
    assert 'class="petition-form"' not in html


def test_spanish_page_follows_the_english_status_when_it_is_published(
    client, spanish_petition, petition
):
    petition.status = "won"
    petition.goal = 20000
    petition.signatures_collected_elsewhere = 50
    petition.save_revision().publish()

    html = client.get("/es/petitions/stop-powering-ice/").content.decode()
    assert "¡Ganamos!" in html
    assert 'class="petition-form"' not in html
    assert 'data-signature-count="50" data-signature-goal="20000"' in html


def test_publishing_a_stale_spanish_translation_keeps_the_english_status(
    spanish_petition, petition, spanish, translate_now
):
    petition.status = "closed"
    petition.save_revision().publish()
    # The translation was synced before the petition closed; publishing it again
    # must not reopen either page.
    spanish_petition.status = "open"
    spanish_petition.save_revision().publish()
    statuses = PetitionPage.objects.filter(translation_key=petition.translation_key)
    assert set(statuses.values_list("status", flat=True)) == {"closed"}


def test_index_lists_open_then_won_then_closed_with_counts_and_creators(
    client, petition_index, petition
):
    won = PetitionPageFactory(parent=petition_index, title="Free Alex", status="won")
    closed = PetitionPageFactory(parent=petition_index, title="Old ask", status="closed")
    expired = PetitionPageFactory(
        parent=petition_index,
        title="Expired ask",
        deadline=timezone.now() - timedelta(days=1),
    )
    newer = PetitionPageFactory(parent=petition_index, title="Newest ask", created_by="Luis R.")
    SignatureFactory.create_batch(2, petition=newer)
    html = client.get("/en/petitions/").content.decode()

    titles = [petition.title, newer.title, won.title, closed.title, expired.title]
    positions = {title: html.index(f">{title}</a></h2>") for title in titles}
    assert positions[newer.title] < positions[petition.title] < positions[won.title]
    assert positions[won.title] < min(positions[closed.title], positions[expired.title])
    assert "Created by Luis R." in html
    assert "2 of 100 signatures" in html
    assert html.count("Won!") == 1
    assert html.count(">Closed<") == 2


def test_index_lists_closed_and_expired_petitions_together_newest_first(client, petition_index):
    now = timezone.now()
    for title, days_ago, change in (
        ("Closed long ago", 30, {"status": "closed"}),
        ("Expired last week", 20, {"deadline": now - timedelta(days=7)}),
        ("Closed lately", 10, {"status": "closed"}),
    ):
        PetitionPageFactory(
            parent=petition_index,
            title=title,
            first_published_at=now - timedelta(days=days_ago),
            **change,
        )
    html = client.get("/en/petitions/").content.decode()
    titles = re.findall(r">([^<]+)</a></h2>", html)
    assert titles == ["Closed lately", "Expired last week", "Closed long ago"]


def test_spanish_index_lists_spanish_pages_with_the_shared_count(
    client, spanish_petition, petition
):
    SignatureFactory.create_batch(4, petition=petition)
    html = client.get("/es/petitions/").content.decode()
    assert '<a href="/es/petitions/stop-powering-ice/">Dile a Amazon' in html
    assert "4 de 9\xa0000 firmas" in html


def index_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/petitions/")
    assert response.status_code == 200
    return len(queries)


def test_index_query_count_does_not_grow_with_the_number_of_petitions(client, petition_index):
    def add_petitions(number):
        for _ in range(number):
            petition = PetitionPageFactory(parent=petition_index)
            SignatureFactory.create_batch(2, petition=petition)

    add_petitions(5)
    index_queries(client)  # a running site has looked its site and routes up already
    five = index_queries(client)
    add_petitions(45)
    index_queries(client)
    fifty = index_queries(client)
    assert client.get("/en/petitions/").content.decode().count("data-signature-count=") == 12
    assert five == fifty


def test_index_lists_the_petitions_twelve_to_a_page(client, petition_index):
    petitions = [PetitionPageFactory(parent=petition_index) for _ in range(13)]
    first = client.get("/en/petitions/").content.decode()
    second = client.get("/en/petitions/", {"page": 2}).content.decode()
    assert first.count("data-signature-count=") == 12
    assert second.count("data-signature-count=") == 1
    assert f'href="{petitions[0].url}"' in second  # the oldest comes last
    assert 'href="?page=2" rel="next"' in first


def test_petitions_can_only_be_created_where_they_belong(home, petition_index):
    standard = StandardPageFactory(parent=home)
    assert PetitionIndexPage.parent_page_types == ["home.HomePage"]
    assert PetitionIndexPage.subpage_types == ["petitions.PetitionPage"]
    assert PetitionPage.parent_page_types == ["petitions.PetitionIndexPage"]
    assert PetitionPage.subpage_types == []
    assert PetitionPage.can_create_at(petition_index)
    assert not PetitionPage.can_create_at(home)
    assert not PetitionPage.can_create_at(standard)
    assert not PetitionIndexPage.can_create_at(home)  # one index per home page
    assert not PetitionIndexPage.can_create_at(Page.objects.get(depth=1))
    assert HomePage in PetitionIndexPage.allowed_parent_page_models()
    assert StandardPage not in PetitionIndexPage.allowed_parent_page_models()


def test_page_types_name_themselves_for_search_results():
    assert str(PetitionPage.search_result_label) == "Petition"
    assert str(PetitionIndexPage.search_result_label) == "Petitions"


def test_editor_can_create_a_petition_in_the_admin(client, django_user_model, petition_index):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("petitions", "petitionpage", petition_index.pk))
    response = client.post(
        url,
        {
            "title": "Free Alex",
            "slug": "free-alex",
            "target": "ICE Phoenix Field Office",
            "summary": "Release Alex now.",
            "body-count": "0",
            "created_by": "Tania U.",
            "goal": "500",
            "status": "open",
            "opt_in_label": "",
            "thank_you_message": "Thank you, you rock.",
            "share_text": "",
            "signatures_collected_elsewhere": "120",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    client.logout()
    html = client.get("/en/petitions/free-alex/").content.decode()
    assert 'data-signature-count="120" data-signature-goal="500"' in html
    assert "To: ICE Phoenix Field Office" in html


def test_pages_showing_counts_are_cached_briefly_and_the_thank_you_page_never(client, petition):
    for url in ("/en/petitions/", "/en/petitions/stop-powering-ice/"):
        assert "max-age=5" in client.get(url)["Cache-Control"]
    thanks = client.get("/en/petitions/stop-powering-ice/thanks/")["Cache-Control"]
    assert "no-cache" in thanks and "private" in thanks


def petition_form(page, **changes):
    """The admin edit form of `page` as it stands, with `changes`, sent to publish."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "target": page.target,
        "summary": page.summary,
        "body-count": "0",
        "created_by": page.created_by,
        "goal": str(page.goal),
        "status": page.status,
        "opt_in_label": page.opt_in_label,
        "thank_you_message": page.thank_you_message,
        "share_text": page.share_text,
        "signatures_collected_elsewhere": str(page.signatures_collected_elsewhere),
        "action-publish": "publish",
    }
    return {**fields, **changes}


def test_an_editor_who_opens_the_spanish_petition_after_closing_the_english_one_sees_it_closed(
    admin_client, spanish_petition, petition
):
    edit = reverse("wagtailadmin_pages:edit", args=[petition.pk])
    response = admin_client.post(edit, petition_form(petition, status="closed", goal="900"))
    assert response.status_code == 302

    # What the admin shows of the Spanish page (its preview, revisions, and the form a
    # later edit starts from) is its latest revision: closed, with the new goal.
    spanish_petition.refresh_from_db()
    latest = spanish_petition.get_latest_revision()
    preview = reverse("wagtailadmin_pages:revisions_view", args=[spanish_petition.pk, latest.pk])
    html = admin_client.get(preview).content.decode()
    assert "Esta petición está cerrada" in html
    assert 'data-signature-goal="900"' in html
    assert 'class="petition-form"' not in html
    assert (
        Client()
        .get("/es/petitions/stop-powering-ice/")
        .content.decode()
        .count('class="petition-form"')
        == 0
    )
