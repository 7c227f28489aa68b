"""Content the browser journeys need that the demo loader does not build (yet).

The harness runs build() in the server's database after load_demo_content (and
load_demo_petitions where it exists): a blog post and a report with a PDF, each in
English and Spanish, taken from the demo data files. Each is built only where the demo
has not built it, so once load_demo_content builds the blog and the library this adds
nothing.
"""

import json
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from home.localization import string_pairs, translate
from home.models import HomePage
from resources.models import (
    BlogIndexPage,
    BlogPage,
    ReportPage,
    ResourceDocument,
    ResourceIndexPage,
)

DATA_DIR = settings.BASE_DIR / "home" / "demo_content"
# Blocks whose values are text only: others name pages or images by slug or key.
TEXT_BLOCKS = {"heading", "paragraph", "quote"}
PAGE_FIELDS = ("title", "slug", "intro", "summary", "publication_date")
IMAGE_ALT = {
    "en": "Mijente members march with a banner",
    "es": "Integrantes de Mijente marchan con una manta",
}


def load(name):
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def text_only(entry):
    """An entry's page fields, its body kept to the blocks that hold only text."""
    fields = {name: entry[name] for name in PAGE_FIELDS if name in entry}
    if "body" in entry:
        fields["body"] = [block for block in entry["body"] if block["type"] in TEXT_BLOCKS]
    return fields


def build_translated(parent, model, english, spanish, **extra):
    """An English page under parent and its published Spanish translation.

    StreamField values are given as stored (lists of {"type": ..., "value": ...}).
    """
    page = model.objects.child_of(parent).filter(slug=english["slug"]).first()
    if page is None:
        page = parent.add_child(instance=model(**english, **extra))
        page.save_revision().publish()
    translate(page, Locale.objects.get(language_code="es"), string_pairs(english, spanish))
    return page


def post_image():
    """A plain PNG for the post's hero image."""
    buffer = BytesIO()
    PillowImage.new("RGB", (1600, 900), "#1d4f6e").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="March for sanctuary",
        collection=Collection.get_first_root_node(),
        file=ContentFile(buffer.getvalue(), name="march-for-sanctuary.png"),
    )


def report_pdf(entry):
    """A real one-page PDF for the report's download link."""
    source = entry["documents"][0]
    buffer = BytesIO()
    PillowImage.new("RGB", (612, 792), "white").save(buffer, format="PDF")
    return ResourceDocument.objects.create(
        title=entry["title"],
        language=source["language"],
        collection=Collection.get_first_root_node(),
        file=ContentFile(buffer.getvalue(), name=source["filename"]),
        file_size=len(buffer.getvalue()),
    )


def download(label, document=None):
    """A download block as stored; the translation's needs its link text only."""
    value = {"label": label, **({"document": document.pk} if document else {})}
    return {"type": "document_download", "value": value}


def journey_post():
    """The demo post the journeys read: the first with a Spanish translation."""
    return next(post for post in load("blog_posts")["blog_posts"] if "es" in post)


def journey_report():
    """The demo report the journeys download: the first in Spanish with a file."""
    return next(
        item
        for item in load("resources")["items"]
        if item.get("kind") == "report" and "es" in item and item.get("documents")
    )


def journey_petition():
    """The demo petition the journeys sign: the first with a Spanish translation."""
    return next(petition for petition in load("petitions")["petitions"] if "es" in petition)


def english_paths():
    """Where the journeys' pages are in English, by kind of page."""
    site = load("site")
    return {
        "home": "/en/",
        "post": f"/en/{site['blog_index']['en']['slug']}/{journey_post()['slug']}/",
        "report": f"/en/{site['resource_index']['en']['slug']}/{journey_report()['slug']}/",
        "petition": f"/en/{site['petition_index']['en']['slug']}/{journey_petition()['slug']}/",
    }


def build_post(home, site):
    blog_data = site["blog_index"]
    blog = build_translated(home, BlogIndexPage, blog_data["en"], blog_data["es"])
    entry = journey_post()
    build_translated(
        blog,
        BlogPage,
        {**text_only(entry), "image_alt": IMAGE_ALT["en"]},
        {**text_only(entry["es"]), "image_alt": IMAGE_ALT["es"]},
        image=post_image(),
    )


def build_report(home, site):
    library_data = site["resource_index"]
    library = build_translated(home, ResourceIndexPage, library_data["en"], library_data["es"])
    entry = journey_report()
    document = report_pdf(entry)
    label, spanish_label = entry["documents"][0]["label"], entry["es"]["documents"][0]["label"]
    build_translated(
        library,
        ReportPage,
        {**text_only(entry), "downloads": [download(label, document)]},
        {**text_only(entry["es"]), "downloads": [download(spanish_label)]},
    )


def build():
    english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.get(locale=english, depth=2)
    site = load("site")
    if not BlogPage.objects.filter(slug=journey_post()["slug"]).exists():
        build_post(home, site)
    if not ReportPage.objects.filter(slug=journey_report()["slug"]).exists():
        build_report(home, site)
