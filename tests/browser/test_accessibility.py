"""axe-core finds no serious or critical problems on the pages visitors use most."""

import json

import pytest

from tests.browser.conftest import SCREENSHOTS, axe_violations
from tests.browser.journey_content import english_paths

pytestmark = pytest.mark.browser

IMPACTS = ("minor", "moderate", "serious", "critical")
SEARCH = {"en": "/en/search/?q=ice", "es": "/es/buscar/?q=ice"}


def url_of(page, kind, language):
    """The page's URL in the language, following the switcher from the English page."""
    if kind == "search":
        return SEARCH[language]
    if kind == "thanks":
        return url_of(page, "petition", language) + "thanks/"
    path = english_paths()[kind]
    if language == "en":
        return path
    page.goto(path)
    return page.get_by_role("link", name="Español").get_attribute("href")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", ["home", "post", "petition", "report", "search", "thanks"])
def test_page_has_no_serious_or_critical_accessibility_violations(phone, kind, language):
    url = url_of(phone, kind, language)
    response = phone.goto(url)
    assert response.status == 200
    assert phone.locator("html").get_attribute("lang") == language
    if kind == "thanks":
        assert phone.locator(".petition-thanks").count() == 1
    violations = axe_violations(phone, impacts=IMPACTS)
    report = SCREENSHOTS / "axe" / f"{kind}-{language}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps({"url": url, "violations": violations}, indent=2))
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
