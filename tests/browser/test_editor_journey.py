"""An editor writes, illustrates and publishes a post, then translates it into Spanish."""

import os
import re
from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.journey_content import load

pytestmark = pytest.mark.browser

POST = {
    "title": "Editors march for sanctuary",
    "intro": "Our communications team wrote and published this post in the admin.",
    "alt": "Editors march with a sanctuary banner",
    "paragraph": "We marched from the capitol to the courthouse to demand sanctuary.",
    "slug": "editors-march-for-sanctuary",
}
SPANISH = {
    POST["title"]: "Las editoras marchan por el santuario",
    POST["intro"]: "Nuestro equipo de comunicación escribió y publicó esta entrada en el admin.",
    POST["alt"]: "Las editoras marchan con una manta por el santuario",
    POST["paragraph"]: "Marchamos del capitolio al juzgado para exigir santuario.",
    POST["slug"]: "las-editoras-marchan-por-el-santuario",
}


def png_upload():
    """A new picture each run, so the admin never asks whether it is a duplicate."""
    buffer = BytesIO()
    Image.new("RGB", (1200, 675), tuple(os.urandom(3))).save(buffer, format="PNG")
    return {"name": "march.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def write_post(page):
    """Fill in a new post: title, intro, an uploaded hero image and a paragraph."""
    page.get_by_role("textbox", name="Title*").fill(POST["title"])
    page.locator("#id_intro").fill(POST["intro"])
    page.get_by_role("button", name="Choose an image").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.get_by_label("File*").set_input_files(png_upload())
    chooser.get_by_label("Title*").fill("March for sanctuary")
    chooser.get_by_role("button", name="Upload").click()
    chooser.wait_for(state="hidden")
    page.get_by_label("Image alt").fill(POST["alt"])
    body = page.get_by_role("region", name="Body")
    body.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = body.locator("[contenteditable=true]")
    paragraph.click()
    paragraph.press_sequentially(POST["paragraph"])
    expect(paragraph).to_have_text(POST["paragraph"])


def loaded(image):
    """Whether the browser fetched and decoded the picture (a broken one has no width)."""
    image.scroll_into_view_if_needed()
    return image.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)")


def translate_every_segment(page, screenshot):
    """In wagtail-localize's editor, translate each segment of each tab, then publish."""
    for tab in ("Content", "Promote"):
        page.get_by_role("tab", name=tab).click()
        panel = page.get_by_role("tabpanel", name=tab)
        untranslated = panel.get_by_role("button", name="Translate", exact=True)
        while untranslated.count():
            untranslated.first.click()
            segment = panel.locator("li:has(textarea)")
            source = segment.locator("p").first.inner_text()
            segment.locator("textarea").fill(SPANISH[source])
            segment.get_by_role("button", name="Save").click()
            segment.wait_for(state="detached")
            expect(panel.get_by_text(re.compile(r"^Saving"))).to_have_count(0)
        page.get_by_role("tab", name=tab).scroll_into_view_if_needed()
        screenshot(page, f"translation-editor-{tab.lower()}", full_page=False)
    page.get_by_role("button", name="Publish in Español").click()
    page.wait_for_load_state()


def test_editor_publishes_a_post_with_an_image_and_its_spanish_translation(desktop, screenshot):
    site = load("site")
    page = desktop
    log_in(page)
    screenshot(page, "dashboard", full_page=False)

    page.goto("/admin/pages/")
    page.get_by_role("link", name=f"Explore child pages of '{site['home']['en']['title']}'").click()
    blog = site["blog_index"]["en"]["title"]
    page.get_by_role("link", name=f"Explore child pages of '{blog}'").click()
    page.get_by_role("link", name="Add child page").first.click()
    write_post(page)
    # The admin saves a draft as the editor types; publish once that draft exists.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.get_by_text("Saved", exact=True)).to_be_visible()
    screenshot(page, "post-written")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text(f"'{POST['title']}' has been published")
    screenshot(page, "post-published", full_page=False)

    page.get_by_role("button", name=f"More options for '{POST['title']}'").click()
    page.get_by_role("link", name="Translate this page").click()
    page.get_by_label("Español").check()
    page.locator("main").get_by_role("button", name=re.compile("Submit")).click()
    expect(page.locator(".messages")).to_contain_text("submitted for translation into Español")
    translate_every_segment(page, screenshot)

    english_url = f"/en/{site['blog_index']['en']['slug']}/{POST['slug']}/"
    page.goto(english_url)
    assert page.get_by_role("heading", level=1).inner_text() == POST["title"]
    picture = page.get_by_role("img", name=POST["alt"])
    assert picture.get_attribute("srcset")
    assert loaded(picture), "the uploaded picture does not load"
    screenshot(page, "post-live-en")

    page.get_by_role("link", name="Español").click()
    page.wait_for_url(re.compile(rf"/es/.+/{SPANISH[POST['slug']]}/$"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == SPANISH[POST["title"]]
    assert loaded(page.get_by_role("img", name=SPANISH[POST["alt"]]))
    assert page.get_by_text(SPANISH[POST["paragraph"]]).is_visible()
    screenshot(page, "post-live-es")

    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"**{english_url}")
