"""A keyboard-only visitor, without JavaScript, reaches and submits the petition form."""

import re
import uuid

import pytest

from tests.browser.conftest import DESKTOP
from tests.browser.journey_content import english_paths

pytestmark = pytest.mark.browser


def focused_id(page):
    return page.evaluate("document.activeElement.id")


def has_focus(locator):
    return locator.evaluate("element => element === document.activeElement")


def test_keyboard_visitor_signs_a_petition_with_tab_and_enter_only(new_tab, screenshot):
    page = new_tab(viewport=DESKTOP, java_script_enabled=False)
    page.goto(english_paths()["petition"])

    page.keyboard.press("Tab")
    assert has_focus(page.get_by_role("link", name="Skip to main content"))
    page.keyboard.press("Enter")
    assert focused_id(page) == "main"

    entries = {
        "id_first_name": "Tania",
        "id_last_name": "Unzueta",
        "id_email": f"keyboard-{uuid.uuid4().hex[:8]}@example.org",
        "id_postal_code": "85007",
        "id_opt_in": None,
    }
    for field, text in entries.items():
        page.keyboard.press("Tab")
        assert focused_id(page) == field
        if text:
            page.keyboard.type(text)
    screenshot(page, "form-filled", full_page=False)

    page.keyboard.press("Tab")
    assert has_focus(page.get_by_role("button", name="Sign", exact=True))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/thanks/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for signing!"
    screenshot(page, "thanks")
