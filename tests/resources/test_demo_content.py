"""The demo blog and resource library `make run` loads: posts, reports, toolkits and their files."""

from datetime import date
from io import BytesIO

import pytest
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import override
from pypdf import PdfReader
from wagtail_localize.models import SegmentOverride

from demo.data import load
from resources.models import (
    BlogPage,
    Category,
    Partner,
    ReportPage,
    ResourceDocument,
    ResourcePage,
)

pytestmark = pytest.mark.django_db


def resource_items(*kinds):
    return [item for item in load("resources")["items"] if item["kind"] in kinds]


def posts():
    return load("blog_posts")["blog_posts"] + resource_items("post")


def download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_blog_lists_every_post_newest_first_with_its_date_and_excerpt(demo_site, client):
    newest_first = sorted(posts(), key=lambda post: post["publication_date"], reverse=True)

    html = (
        client.get("/en/blog/").content.decode() + client.get("/en/blog/?page=2").content.decode()
    )

    titles = [escape(post["title"]) for post in newest_first]
    assert [html.index(title) for title in titles] == sorted(html.index(title) for title in titles)
    for post in newest_first:
        day = date.fromisoformat(post["publication_date"])
        assert f'<time datetime="{day}">{date_format(day)}</time>' in html
        assert escape(post["intro"]) in html


def test_spanish_blog_lists_the_translated_posts_with_spanish_dates(demo_site, client):
    translated = [post for post in posts() if "es" in post]

    html = client.get("/es/blog/").content.decode()

    assert html.count('class="card__title"') == len(translated)
    for post in translated:
        assert escape(post["es"]["title"]) in html
        with override("es"):
            spanish_date = date_format(date.fromisoformat(post["publication_date"]))
        assert spanish_date in html


def test_posts_are_filed_under_their_categories_in_both_languages(
    demo_site, client, english, spanish
):
    for entry in load("blog_posts")["categories"]:
        category = Category.objects.get(locale=english, slug=entry["en"]["slug"])
        translation = category.get_translation(spanish)
        assert (translation.name, translation.slug) == (entry["es"]["name"], entry["es"]["slug"])
        filed = [post for post in posts() if entry["en"]["name"] in post["categories"]]
        html = client.get(f"/en/blog/category/{category.slug}/").content.decode()
        shown = min(len(filed), 10)  # ten posts to a page
        assert html.count('class="card__title"') == shown
        for post in filed[:shown]:
            assert escape(post["title"]) in html

    (post,) = (post for post in posts() if "Expanding Sanctuary" in post["categories"])
    english_post = BlogPage.objects.get(locale=english, slug=post["slug"])
    assert 'href="/en/blog/category/expanding-sanctuary/">Expanding Sanctuary</a>' in (
        client.get(english_post.url).content.decode()
    )
    spanish_post = BlogPage.objects.filter(locale=spanish).first()
    assert (
        'href="/es/blog/category/blog/">Blog</a>' in client.get(spanish_post.url).content.decode()
    )


def test_posts_and_resources_show_their_placeholder_image_with_alt_text_in_each_language(
    demo_site, client
):
    images = {image["key"]: image for image in load("blog_posts")["images"]}
    images.update({image["key"]: image for image in load("resources")["images"]})
    items = [post for post in posts() if "es" in post] + resource_items("report", "toolkit")
    for item in items:
        page = ResourcePage if item.get("kind") in ("report", "toolkit") else BlogPage
        english = page.objects.get(locale__language_code="en", slug=item["slug"])
        spanish = page.objects.get(
            locale__language_code="es", translation_key=english.translation_key
        )
        alt = images[item["image"]]["alt"]
        assert f'alt="{escape(alt["en"])}"' in client.get(english.url).content.decode()
        assert f'alt="{escape(alt["es"])}"' in client.get(spanish.url).content.decode()


def test_library_lists_every_report_and_toolkit_in_both_languages(demo_site, client):
    items = resource_items("report", "toolkit")
    for language, path in (("en", "/en/resources/"), ("es", "/es/recursos/")):
        html = client.get(path).content.decode()
        assert html.count('class="card__title"') == len(items)
        for item in items:
            title = item["title"] if language == "en" else item["es"]["title"]
            assert escape(title) in html


def test_every_demo_file_downloads_as_a_real_pdf(demo_site, client):
    documents = ResourceDocument.objects.all()
    assert documents
    for document in documents:
        response, body = download(client, document)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        pdf = PdfReader(BytesIO(body), strict=True)
        assert pdf.metadata.title == document.title
        assert document.title.split()[0] in pdf.pages[0].extract_text()
        assert document.file_size == len(body)


def test_files_have_the_language_and_number_of_pages_the_data_gives(demo_site, client):
    for item in resource_items("report", "toolkit"):
        entries = item.get("documents", []) + [
            entry for section in item.get("sections", []) for entry in section["documents"]
        ]
        for entry in entries:
            title = item["title"] if entry["language"] == "en" else item["es"]["title"]
            document = ResourceDocument.objects.get(title=title)
            assert document.language == entry["language"]
            assert len(PdfReader(BytesIO(download(client, document)[1])).pages) == entry["pages"]


def test_spanish_report_offers_the_spanish_file_chosen_in_the_translation_editor(
    demo_site, client, translation_editor, spanish
):
    (item,) = (
        item
        for item in resource_items("report")
        if any("filename" in entry for entry in item["es"]["documents"])
    )
    english = ReportPage.objects.get(locale__language_code="en", slug=item["slug"])
    spanish_page = english.get_translation(spanish)
    english_file = ResourceDocument.objects.get(title=item["title"], language="en")
    spanish_file = ResourceDocument.objects.get(title=item["es"]["title"], language="es")

    english_html = client.get(english.url).content.decode()
    spanish_html = client.get(spanish_page.url).content.decode()

    assert f'href="{english_file.url}" hreflang="en"' in english_html
    assert spanish_file.url not in english_html
    label = item["es"]["documents"][0]["label"]
    assert f'href="{spanish_file.url}" hreflang="es" type="application/pdf">{label}</a>' in (
        spanish_html
    )
    assert "Español)" in spanish_html
    assert english_file.url not in spanish_html
    response, body = download(client, spanish_file)
    assert response.status_code == 200 and body.startswith(b"%PDF-")

    (swap,) = SegmentOverride.objects.filter(locale=spanish)
    assert swap.data == spanish_file.pk
    overrides = translation_editor(spanish_page)["initialOverrides"]
    assert [int(o["data"]) for o in overrides] == [spanish_file.pk]


def test_reports_and_toolkits_credit_their_partners_in_each_language(demo_site, client):
    names = {entry["en"]["name"]: entry["es"]["name"] for entry in load("resources")["partners"]}
    for item in resource_items("report", "toolkit"):
        english = ResourcePage.objects.get(locale__language_code="en", slug=item["slug"])
        spanish = ResourcePage.objects.get(
            locale__language_code="es", translation_key=english.translation_key
        )
        english_html = client.get(english.url).content.decode()
        spanish_html = client.get(spanish.url).content.decode()
        for name in item.get("partner_organisations", []):
            partner = Partner.objects.get(locale__language_code="en", name=name)
            assert f'<a href="{partner.website}">{escape(name)}</a>' in english_html
            assert f'<a href="{partner.website}">{escape(names[name])}</a>' in spanish_html
