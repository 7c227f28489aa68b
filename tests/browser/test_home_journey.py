"""A visitor on a phone reads the home page in English, switches to Spanish, and back."""

import pytest

pytestmark = pytest.mark.browser


def test_visitor_switches_home_page_language_on_a_phone(phone, screenshot):
    phone.goto("/")
    assert phone.url.endswith("/en/")
    assert phone.locator("html").get_attribute("lang") == "en"
    screenshot(phone, "home-en")

    switch = phone.get_by_role("link", name="Español")
    assert switch.get_attribute("hreflang") == "es"
    assert switch.get_attribute("lang") == "es"
    switch.click()
    phone.wait_for_url("**/es/")
    assert phone.locator("html").get_attribute("lang") == "es"
    assert phone.get_by_role("link", name="Saltar al contenido principal").count() == 1
    screenshot(phone, "home-es")

    phone.goto("/")
    assert phone.url.endswith("/es/"), "the root remembers the language last read"


def test_keyboard_user_skips_to_main_content(phone):
    phone.goto("/en/")
    phone.keyboard.press("Tab")
    skip = phone.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
