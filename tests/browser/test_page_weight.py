"""Pages stay light for phones on slow connections: HTML, CSS and JS, gzip-compressed."""

import gzip
import json

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.browser.journey_content import english_paths

pytestmark = pytest.mark.browser

BUDGET = 60 * 1024  # compressed bytes of HTML + CSS + JS per page
WEIGHED = ("document", "stylesheet", "script")


@pytest.mark.parametrize("kind", ["home", "petition"])
def test_page_html_css_and_js_weigh_under_budget_compressed(phone, kind):
    responses = []
    phone.on("response", lambda response: responses.append(response))
    phone.goto(english_paths()[kind])
    phone.wait_for_load_state("networkidle")

    document = next(r for r in responses if r.request.resource_type == "document")
    assert document.headers.get("content-encoding") == "gzip"
    weights = {
        response.url: len(gzip.compress(response.body()))
        for response in responses
        if response.request.resource_type in WEIGHED
    }
    report = SCREENSHOTS / "page-weight" / f"{kind}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps({"total": sum(weights.values()), "files": weights}, indent=2))
    assert sum(weights.values()) < BUDGET
