"""A visitor on a phone reads, switches to Spanish, signs, downloads and searches."""

import re
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from petitions.models import COUNT_MAX_AGE
from tests.browser.conftest import DESKTOP, log_in, revisit_until, signature_count
from tests.browser.journey_content import (
    english_paths,
    journey_petition,
    journey_post,
    journey_report,
    load,
)

pytestmark = pytest.mark.browser

# A word only the Spanish version of the journey's post uses ("meat packing plant").
SPANISH_ONLY_WORD = "empacadora"


def heading(page):
    return page.get_by_role("heading", level=1).inner_text()


def test_visitor_reads_in_english_then_signs_downloads_and_searches_in_spanish(phone, screenshot):
    post, petition, report = journey_post(), journey_petition(), journey_report()

    # Reads a post in English, found from the blog.
    phone.goto("/en/")
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Blog").click()
    phone.get_by_role("link", name=post["title"]).click()
    assert heading(phone) == post["title"]
    assert phone.locator("html").get_attribute("lang") == "en"
    screenshot(phone, "post-en")

    # Switches to Spanish and lands on the post's translation.
    phone.get_by_role("link", name="Español").click()
    phone.wait_for_url(re.compile(r"/es/"))
    assert heading(phone) == post["es"]["title"]
    assert phone.locator("html").get_attribute("lang") == "es"
    screenshot(phone, "post-es")

    # Opens the petition in Spanish; the English page shows the same count.
    phone.get_by_role("navigation", name="Principal").get_by_role("link", name="Peticiones").click()
    phone.get_by_role("link", name=petition["es"]["title"]).click()
    assert heading(phone) == petition["es"]["title"]
    english_url = phone.get_by_role("link", name="English").get_attribute("href")
    count = signature_count(phone.content())
    assert signature_count(phone.request.get(english_url).text()) == count
    screenshot(phone, "petition-es", full_page=False)

    # Signs it in Spanish and sees the thank-you view with the count raised.
    phone.get_by_label("Nombre").fill("Tania")
    phone.get_by_label("Apellido").fill("Unzueta")
    phone.get_by_label("Correo electrónico").fill(f"tania-{uuid.uuid4().hex[:8]}@example.org")
    phone.get_by_label("Código postal").fill("85007")
    phone.get_by_role("button", name="Firmar").click()
    phone.wait_for_url(re.compile(r"/thanks/$"))
    assert heading(phone) == "¡Gracias por firmar!"
    assert signature_count(phone.content()) == count + 1
    share = phone.locator(".share-links a").first
    assert share.inner_text() == "Comparte en WhatsApp"
    shared_text = parse_qs(urlsplit(share.get_attribute("href")).query)["text"][0]
    assert shared_text.startswith(petition["es"]["share_text"])
    screenshot(phone, "thanks-es")

    # The English page counts the Spanish signature too, once its cached copy (kept at
    # most COUNT_MAX_AGE seconds) has expired.
    phone.get_by_role("link", name="English").click()
    phone.wait_for_url(english_url)
    assert heading(phone) == petition["title"]
    revisit_until(
        phone,
        english_url,
        lambda tab: signature_count(tab.content()) == count + 1,
        COUNT_MAX_AGE + 2,
    )
    screenshot(phone, "petition-en-after")

    # Downloads a report from the library: a real PDF.
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Resources").click()
    phone.get_by_role("link", name=report["title"]).first.click()
    link = phone.get_by_role("link", name=report["documents"][0]["label"])
    response = phone.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment")
    screenshot(phone, "report-en")
    with phone.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    assert download.value.suggested_filename.endswith(".pdf")

    # Searches in Spanish and finds the Spanish post.
    phone.get_by_role("link", name="Español").click()
    phone.wait_for_url(re.compile(r"/es/"))
    phone.get_by_label("Busca en el sitio").first.fill(SPANISH_ONLY_WORD)
    phone.get_by_label("Busca en el sitio").first.press("Enter")
    phone.wait_for_url(re.compile(r"/es/buscar/\?q="))
    first_result = phone.locator(".search-result__title a").first
    assert first_result.inner_text() == post["es"]["title"]
    assert first_result.get_attribute("href").startswith("/es/")
    screenshot(phone, "search-es")


def visit(tab, path):
    """Open `path`; whether the page came from the page cache."""
    response = tab.goto(path)
    assert response.status == 200, (path, response.status)
    return response.headers.get("x-page-cache")


def test_visitor_with_cached_pages_sees_a_new_post_and_a_new_signature(
    phone, new_tab, site_stack, screenshot
):
    site = load("site")
    blog_url = f"/en/{site['blog_index']['en']['slug']}/"
    petition_url = english_paths()["petition"]

    # The visitor's blog and petition pages come from the page cache.
    visit(phone, blog_url)
    assert visit(phone, blog_url) == "hit"
    visit(phone, petition_url)
    assert visit(phone, petition_url) == "hit"
    count = signature_count(phone.content())

    # An editor publishes a post that was a draft.
    title = f"Cached readers see this post {uuid.uuid4().hex[:6]}"
    site_stack.manage("shell", "--command", DRAFT_POST.format(title=title))
    editor = new_tab(viewport=DESKTOP)
    log_in(editor)
    editor.goto("/admin/pages/search/?q=" + title.split()[-1])
    editor.get_by_role("link", name=title).first.click()
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish").click()
    editor.locator(".messages").get_by_text(f"'{title}' has been published").wait_for()

    # At once, on whichever gunicorn worker serves the visitor next.
    assert visit(phone, blog_url) == "miss"
    assert phone.get_by_role("link", name=title).is_visible()
    assert visit(phone, blog_url) == "hit"
    screenshot(phone, "blog-after-publishing", full_page=False)

    # Someone else signs; the visitor's cached petition page shows it within COUNT_MAX_AGE.
    signer = new_tab(viewport=DESKTOP)
    signer.goto(petition_url)
    signer.get_by_label("First name").fill("Marisa")
    signer.get_by_label("Last name").fill("Franco")
    address = f"marisa-{uuid.uuid4().hex[:8]}@example.org"
    signer.get_by_label("Email").fill(address)
    signer.get_by_label("ZIP code").fill("85007")
    signer.get_by_role("button", name="Sign").click()
    signer.wait_for_url(re.compile(r"/thanks/$"))
    assert signature_count(signer.content()) >= count + 1
    # Her thank-you email was queued, and the worker delivers it (to its log, here).
    assert site_stack.wait_for_log("worker", f"To: {address}", timeout=30)
    revisit_until(
        phone,
        petition_url,
        lambda tab: signature_count(tab.content()) >= count + 1,
        COUNT_MAX_AGE + 2,
    )
    screenshot(phone, "petition-after-signing", full_page=False)


# Run in the server's own database (manage.py shell): a draft post, never published.
DRAFT_POST = """
from resources.models import BlogIndexPage, BlogPage
from wagtail.models import Locale
blog = BlogIndexPage.objects.get(locale=Locale.get_default())
post = blog.add_child(instance=BlogPage(
    title="{title}", slug="{title}".lower().replace(" ", "-"), live=False,
    body=[("paragraph", "<p>Published while visitors had the blog cached.</p>")],
))
post.save_revision()
"""
