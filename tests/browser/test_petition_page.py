"""On a phone, the signing form starts on the first screen of every petition."""

import pytest

from tests.browser.conftest import PHONE
from tests.browser.journey_content import load

pytestmark = pytest.mark.browser


def longest_titles():
    """The demo petitions with the longest title in each language: the hardest to fit."""
    site, petitions = load("site"), load("petitions")["petitions"]
    english = max(petitions, key=lambda petition: len(petition["title"]))
    spanish = max(
        (petition for petition in petitions if "es" in petition),
        key=lambda petition: len(petition["es"]["title"]),
    )
    return [
        f"/en/{site['petition_index']['en']['slug']}/{english['slug']}/",
        f"/en/{site['petition_index']['en']['slug']}/{spanish['slug']}/",
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_signing_form_first_field_is_on_the_first_screen_of_a_phone(phone, screenshot, language):
    english_path = longest_titles()[0 if language == "en" else 1]
    phone.goto(english_path)
    if language == "es":
        phone.get_by_role("link", name="Español").click()
        phone.wait_for_url("**/es/**")
    first_field = phone.locator(".petition-form input:visible").first
    box = first_field.bounding_box()
    screenshot(phone, f"petition-{language}", full_page=False)
    assert first_field.get_attribute("name") == "first_name"
    assert box["y"] + box["height"] <= PHONE["height"]
