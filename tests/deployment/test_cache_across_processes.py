"""Cached pages stay right across web nodes: two gunicorn processes with production settings
and one Redis serve pages from the page cache (and each remembers its own lookups,
caching/lookups.py) while an editor publishes, renames, moves, unpublishes and translates
pages and changes a snippet. Every change shows on both processes at once, as the README
promises (Performance: "How caching stays correct"), in every page, listing, archive,
feed, sitemap and search result that shows it.
"""

import datetime
import uuid

import pytest
from django.test import override_settings

from tests.environment import REDIS_TEST_URL, AppProcesses, Browser
from tests.home.factories import StandardPageFactory
from tests.resources.factories import BlogIndexPageFactory, BlogPageFactory, CategoryFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BLOG = "/en/blog/"
# A year no other post has: its archive exists only while the new post is live.
NEW_YEAR = 2031


class Nodes:
    """Both processes, read over HTTPS through the balancer as a visitor without a session."""

    def __init__(self, ports):
        self.browsers = [Browser(port, https=True) for port in ports]

    def get(self, path):
        """The page at `path` from each process: [(status, cache state, body), ...]."""
        answers = []
        for browser in self.browsers:
            browser.cookies.clear()
            status, headers, body = browser.request("GET", path)
            answers.append((status, headers.get("X-Page-Cache"), body))
        return answers

    def warm(self, *paths):
        """Fetch each page twice on each process, so that both now serve it from memory:
        pages under a language from the page cache; search (never cached: it counts every
        query) and the sitemap (outside the languages) with their lookups remembered."""
        for path in paths:
            self.get(path)
            states = {state for status, state, _body in self.get(path) if status == 200}
            assert states == {remembered_state(path)}, (path, states)

    def shows(self, path, text):
        """Whether both processes show `text` at `path` (and no process disagrees)."""
        found = [status == 200 and text in body for status, _state, body in self.get(path)]
        assert found[0] == found[1], (path, text, found)
        return found[0]

    def statuses(self, path):
        return [status for status, _state, _body in self.get(path)]


@pytest.fixture
def blog(home, chrome):
    blog = BlogIndexPageFactory(parent=home, title="Blog", slug="blog")
    category = CategoryFactory(name="Press release", slug="press-release")
    BlogPageFactory(
        parent=blog,
        title="Raids in Phoenix",
        slug="raids-in-phoenix",
        publication_date=datetime.date(2019, 5, 1),
        categories=[category],
    )
    return blog, category


@pytest.fixture
def nodes(blog):
    """Two processes sharing the test database and one Redis; this test process shares
    that Redis too, so the changes it makes reach them as an editor's would."""
    with AppProcesses(2) as processes:
        shared_cache = {
            "BACKEND": "caching.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": processes.redis_prefix,
        }
        with override_settings(CACHES={"default": shared_cache}):
            yield Nodes(processes.ports)


def remembered_state(path):
    """The X-Page-Cache header of a page's second view."""
    if path.startswith("/en/search/"):
        return "miss"
    return None if path == "/sitemap.xml" else "hit"


def search_path(word):
    return f"/en/search/?q={word}"


def test_a_published_post_appears_everywhere_on_both_processes_at_once(nodes, blog):
    blog_page, category = blog
    word = f"sanctuary{uuid.uuid4().hex[:6]}"
    archive = f"{BLOG}category/press-release/"
    year = f"{BLOG}{NEW_YEAR}/"
    paths = [BLOG, archive, f"{BLOG}feed/", "/sitemap.xml", search_path(word)]
    nodes.warm(*paths)
    assert nodes.statuses(year) == [404, 404]

    post = BlogPageFactory.build(
        title=f"Churches open their doors {word}",
        slug="churches-open-their-doors",
        publication_date=datetime.date(NEW_YEAR, 1, 15),
        live=False,
    )
    blog_page.add_child(instance=post)
    post.categories.set([category])
    post.save_revision().publish()

    for path in (BLOG, archive, f"{BLOG}feed/"):
        assert nodes.shows(path, post.title), path
    # Search marks the words found in the title: look for the link.
    assert nodes.shows(search_path(word), 'href="/en/blog/churches-open-their-doors/"')
    assert nodes.shows("/sitemap.xml", "/en/blog/churches-open-their-doors/")
    # The archive links and the year's listing, which each process remembers.
    assert nodes.shows(BLOG, f'href="{year}"')
    assert nodes.statuses(year) == [200, 200]
    assert nodes.shows(year, post.title)


def test_a_renamed_and_a_moved_page_show_their_new_title_and_address_on_both(nodes, home, blog):
    about = StandardPageFactory(parent=home, title="About us", slug="about")
    campaigns = StandardPageFactory(parent=home, title="Campaigns", slug="campaigns")
    post = blog[0].get_children().get().specific
    nodes.warm(BLOG, post.url, about.url, "/sitemap.xml")

    post.title = "Raids in Phoenix: what happened"
    post.slug = "raids-in-phoenix-what-happened"
    post.save_revision().publish()
    assert nodes.shows(BLOG, "Raids in Phoenix: what happened")
    assert nodes.shows(BLOG, 'href="/en/blog/raids-in-phoenix-what-happened/"')
    assert nodes.shows("/en/blog/raids-in-phoenix-what-happened/", "what happened")
    assert nodes.statuses("/en/blog/raids-in-phoenix/") == [301, 301]

    about.move(campaigns, pos="last-child")
    assert nodes.statuses("/en/campaigns/about/") == [200, 200]
    assert nodes.statuses("/en/about/") == [301, 301]
    assert nodes.shows("/sitemap.xml", "/en/campaigns/about/")
    assert not nodes.shows("/sitemap.xml", "/en/about/</loc>")


def test_an_unpublished_post_leaves_every_listing_on_both_processes(nodes, blog):
    post = blog[0].get_children().get().specific
    archive = f"{BLOG}category/press-release/"
    year = f"{BLOG}2019/"
    paths = [BLOG, archive, year, f"{BLOG}feed/", "/sitemap.xml", post.url, search_path("Phoenix")]
    nodes.warm(*paths)
    assert nodes.shows(BLOG, post.title)
    assert nodes.shows(search_path("Phoenix"), f'href="{post.url}"')

    post.unpublish()
    for path in (BLOG, archive, f"{BLOG}feed/"):
        assert not nodes.shows(path, post.title), path
    assert not nodes.shows(search_path("Phoenix"), f'href="{post.url}"')
    assert not nodes.shows("/sitemap.xml", post.url)
    assert nodes.statuses(post.url) == [404, 404]
    assert nodes.statuses(year) == [404, 404]


def test_a_translation_and_a_snippet_change_show_on_both_processes(
    nodes, blog, spanish, spanish_home, translate_now, chrome
):
    blog_page = blog[0]
    post = blog_page.get_children().get().specific
    nodes.warm(post.url, "/es/", "/sitemap.xml")
    assert not nodes.shows(post.url, '<link rel="alternate" hreflang="es"')

    translate_now(blog_page, spanish, {"Blog": "Blog"})
    translate_now(post, spanish, {"Raids in Phoenix": "Redadas en Phoenix"})
    assert nodes.shows(post.url, '<link rel="alternate" hreflang="es"')
    assert nodes.shows("/es/blog/", "Redadas en Phoenix")
    assert nodes.shows("/sitemap.xml", "/es/blog/raids-in-phoenix/")

    header, _footer = chrome
    header.site_name = f"Mijente {uuid.uuid4().hex[:4]}"
    header.save()
    for path in ("/en/", BLOG, post.url):
        assert nodes.shows(path, header.site_name), path
