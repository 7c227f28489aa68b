"""The demo petitions `make run` loads, in both languages, with the counts of the seeds."""

import math

import pytest
from django.utils.html import escape

from demo.data import load
from petitions.models import PETITIONS_PER_PAGE, PetitionIndexPage, PetitionPage

pytestmark = pytest.mark.django_db


def petitions():
    return load("petitions")["petitions"]


def test_every_petition_is_listed_in_english_and_the_bilingual_ones_in_spanish(demo_site, client):
    assert PetitionIndexPage.objects.live().count() == 2
    pages = range(1, math.ceil(len(petitions()) / PETITIONS_PER_PAGE) + 1)
    english = "".join(
        client.get("/en/petitions/", {"page": page}).content.decode() for page in pages
    )
    spanish = client.get("/es/peticiones/").content.decode()

    assert english.count("data-signature-count=") == len(petitions())
    titles = [escape(entry["title"]) for entry in petitions()]
    assert [english.index(title) for title in titles] == sorted(english.index(t) for t in titles)
    bilingual = [entry for entry in petitions() if "es" in entry]
    assert spanish.count("data-signature-count=") == len(bilingual) == 3
    for entry in bilingual:
        assert escape(entry["es"]["title"]) in spanish


@pytest.mark.parametrize(
    ("slug", "count", "goal", "creator"),
    [
        # 002: the count was glued to the digits of a URL ("...n885386159 of 200").
        ("latinx-therapists-abolish-ice", 159, 200, "Healing I."),
        ("tell-amazon-stop-powering-ice", 8889, 9000, "Mijente i."),
        ("release-el-paso-hunger-strikers", 183, 200, "Resistencia N."),
        # 003: "Created by Resistencia N. Picture" had a stray word.
        ("tacoma-dont-block-geo-lawsuit", 604, 800, "Resistencia N."),
        ("eagles-boycott-the-white-house", 979, 1000, "Juntos i."),
        (
            "mayor-emanuel-release-ice-raid-information",
            210,
            300,
            "Organized Communities Against Deportations",
        ),
    ],
)
def test_petitions_show_the_count_goal_and_creator_of_the_seeds(
    demo_site, client, slug, count, goal, creator
):
    petition = PetitionPage.objects.get(locale__language_code="en", slug=slug)
    assert (petition.signatures_collected_elsewhere, petition.goal) == (count, goal)
    assert petition.signature_count == count
    html = client.get(petition.url).content.decode()
    assert f"{count:,} of {goal:,} signatures" in html
    assert f"Created by {escape(creator)}" in html


def test_spanish_petition_shares_the_count_and_shows_the_spanish_text(demo_site, client):
    html = client.get(
        "/es/peticiones/sin-bardas-sin-jaulas-revoquen-licencia-geo/"
    ).content.decode()
    assert "Sin bardas, sin jaulas" in html
    assert "862 de 1\xa0000 firmas" in html
    assert "Creada por Resistencia N." in html
