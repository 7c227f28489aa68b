"""The blog as visitors read it: archives, pagination, dates, excerpts and the feed."""

import datetime
import re
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import pytest

from listings.excerpts import EXCERPT_WORDS
from tests.resources.factories import BlogPageFactory, CategoryFactory, ImageFactory

pytestmark = pytest.mark.django_db


def card_titles(html):
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def dated_posts(blog, count, start=datetime.date(2018, 1, 1), **kwargs):
    """`count` posts, a day apart, "Post 1" the oldest."""
    return [
        BlogPageFactory(
            parent=blog,
            title=f"Post {number}",
            publication_date=start + datetime.timedelta(days=number),
            **kwargs,
        )
        for number in range(1, count + 1)
    ]


@pytest.fixture
def press_release(spanish, translate_now):
    category = CategoryFactory(name="Press release", slug="press-release")
    translate_now(
        category,
        spanish,
        {"Press release": "Comunicado de prensa", "press-release": "comunicados"},
    )
    return category


def test_blog_lists_posts_newest_first_ten_to_a_page_with_page_links(client, blog):
    dated_posts(blog, 12)

    html = client.get("/en/blog/").content.decode()
    assert card_titles(html) == [f"Post {number}" for number in range(12, 2, -1)]
    assert '<a href="?page=2" rel="next">Next page</a>' in html
    assert re.search(r'<span aria-current="page"><span class="visually-hidden">Page 1</span>', html)
    assert re.search(r'<a href="\?page=2"><span class="visually-hidden">Page 2</span>', html)

    html = client.get("/en/blog/?page=2").content.decode()
    assert card_titles(html) == ["Post 2", "Post 1"]
    assert '<a href="?page=1" rel="prev">Previous page</a>' in html


@pytest.mark.parametrize(
    ("page", "expected_first"), [("abc", "Post 12"), ("99999", "Post 2"), ("", "Post 12")]
)
def test_bad_page_numbers_show_the_first_or_the_last_page(client, blog, page, expected_first):
    dated_posts(blog, 12)
    response = client.get("/en/blog/", {"page": page})
    assert response.status_code == 200
    assert card_titles(response.content.decode())[0] == expected_first


def test_dates_are_written_the_way_each_language_writes_them(
    client, blog, spanish_blog, spanish, translate_now
):
    post = BlogPageFactory(
        parent=blog, title="Chinga La Migra: Chicago", publication_date=datetime.date(2018, 6, 3)
    )
    translate_now(post, spanish, {})

    for url in ("/en/blog/", post.url):
        assert '<time datetime="2018-06-03">3 June 2018</time>' in client.get(url).content.decode()
    spanish_url = "/es/blog/chinga-la-migra-chicago/"
    for url in ("/es/blog/", spanish_url):
        html = client.get(url).content.decode()
        assert '<time datetime="2018-06-03">3 de junio de 2018</time>' in html


def test_excerpt_is_the_intro_or_the_start_of_the_body_cut_between_words(client, blog):
    words = [f"word{number}" for number in range(1, 61)]
    body = [
        ("paragraph", f"<p>{' '.join(words[:30])}</p>"),
        ("paragraph", f"<p>{' '.join(words[30:])}</p>"),
    ]
    BlogPageFactory(parent=blog, title="No intro", intro="", body=body)
    BlogPageFactory(parent=blog, title="With intro", intro="We won in Chicago.", body=body)

    html = client.get("/en/blog/").content.decode()
    assert "<p>We won in Chicago.</p>" in html
    cut = " ".join(words[:EXCERPT_WORDS])
    assert f"<p>{cut}…</p>" in html


def test_category_archive_lists_only_that_categorys_posts_under_its_title(
    client, blog, press_release
):
    campaign_update = CategoryFactory(name="Campaign update")
    BlogPageFactory(parent=blog, title="Statement on the raids", categories=[press_release])
    BlogPageFactory(parent=blog, title="Chicago update", categories=[campaign_update])

    response = client.get("/en/blog/category/press-release/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Archive for the “Press release” category</h1>" in html
    assert "<title>Archive for the “Press release” category" in html
    assert card_titles(html) == ["Statement on the raids"]
    assert '<a href="/en/blog/category/press-release/">Press release</a>' in html


def test_spanish_category_archive_is_titled_and_linked_in_spanish(
    client, blog, spanish_blog, spanish, translate_now, press_release
):
    post = BlogPageFactory(parent=blog, title="Statement on the raids", categories=[press_release])
    translate_now(post, spanish, {"Statement on the raids": "Declaración sobre las redadas"})

    html = client.get("/es/blog/").content.decode()
    assert '<a href="/es/blog/category/comunicados/">Comunicado de prensa</a>' in html

    response = client.get("/es/blog/category/comunicados/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Archivo de la categoría “Comunicado de prensa”</h1>" in html
    assert card_titles(html) == ["Declaración sobre las redadas"]


def test_english_category_address_on_the_spanish_blog_redirects_to_the_spanish_one(
    client, spanish_blog, press_release
):
    response = client.get("/es/blog/category/press-release/")
    assert response.status_code == 301
    assert response["Location"] == "/es/blog/category/comunicados/"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/en/blog/category/no-such-thing/", "Page not found"),
        ("/es/blog/category/no-existe/", "Página no encontrada"),
        ("/en/blog/1999/", "Page not found"),
        ("/es/blog/1999/", "Página no encontrada"),
        ("/en/blog/0000/", "Page not found"),
    ],
)
def test_unknown_category_or_empty_year_is_a_404_in_the_requests_language(
    client, spanish_blog, url, message
):
    response = client.get(url)
    assert response.status_code == 404
    assert message in response.content.decode()


def test_year_archive_lists_only_that_years_posts(client, blog):
    BlogPageFactory(parent=blog, title="From 2018", publication_date=datetime.date(2018, 6, 3))
    BlogPageFactory(parent=blog, title="From 2019", publication_date=datetime.date(2019, 1, 9))

    html = client.get("/en/blog/").content.decode()
    assert '<a href="/en/blog/2019/">2019</a>' in html
    assert '<a href="/en/blog/2018/">2018</a>' in html

    html = client.get("/en/blog/2018/").content.decode()
    assert "<h1>Posts from 2018</h1>" in html
    assert card_titles(html) == ["From 2018"]


def test_post_shows_byline_categories_image_body_and_related_pages(
    client, home, blog, press_release
):
    related = BlogPageFactory(parent=blog, title="Earlier statement")
    post = BlogPageFactory(
        parent=blog,
        title="Statement on the raids",
        author_line="By Marisa Franco",
        image=ImageFactory(),
        image_alt="Marchers in Chicago",
        body=[("paragraph", "<p>ICE out of Chicago.</p>")],
        related_pages=[("link", {"page": related, "url": "", "label": ""})],
        categories=[press_release],
    )

    html = client.get(post.url).content.decode()
    assert "<h1>Statement on the raids</h1>" in html
    assert "By Marisa Franco" in html
    assert '<a href="/en/blog/category/press-release/">Press release</a>' in html
    assert 'alt="Marchers in Chicago"' in html
    assert "<p>ICE out of Chicago.</p>" in html
    assert f'<a href="{related.url}">Earlier statement</a>' in html


def test_syncing_a_translation_brings_the_categories_the_source_gained(
    client, blog, spanish_blog, spanish, translate_now, press_release
):
    post = BlogPageFactory(parent=blog, title="Statement", slug="statement")
    translate_now(post, spanish, {})
    post.categories.add(press_release)
    post.save_revision().publish()

    translate_now(post, spanish, {})

    html = client.get("/es/blog/statement/").content.decode()
    assert '<a href="/es/blog/category/comunicados/">Comunicado de prensa</a>' in html


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    # The site's own feed, made by Django's feed generator.
    return ElementTree.fromstring(response.content)  # nosec B314


def test_feed_is_rss_2_of_the_newest_posts_in_each_language(
    client, blog, spanish_blog, spanish, translate_now, press_release
):
    posts = dated_posts(blog, 3, categories=[press_release])
    translate_now(posts[-1], spanish, {"Post 3": "Publicación 3"})

    rss = feed(client, "/en/blog/feed/")
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "http://testserver/en/blog/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Post 3", "Post 2", "Post 1"]
    newest = items[0]
    assert newest.findtext("link") == "http://testserver/en/blog/post-3/"
    assert newest.findtext("description") == "A short introduction."
    assert newest.findtext("category") == "Press release"
    assert parsedate_to_datetime(newest.findtext("pubDate")).date() == datetime.date(2018, 1, 4)

    channel = feed(client, "/es/blog/feed/").find("channel")
    assert channel.findtext("language") == "es"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Publicación 3"]
    assert items[0].findtext("category") == "Comunicado de prensa"
    assert items[0].findtext("link") == "http://testserver/es/blog/post-3/"


@pytest.mark.parametrize(
    ("language", "feed_url"), [("en", "/en/blog/feed/"), ("es", "/es/blog/feed/")]
)
def test_every_page_advertises_the_feed_in_its_language(client, spanish_blog, language, feed_url):
    for url in (f"/{language}/", f"/{language}/blog/"):
        html = client.get(url).content.decode()
        assert (
            f'<link rel="alternate" type="application/rss+xml" title="Blog" href="{feed_url}">'
            in html
        )
