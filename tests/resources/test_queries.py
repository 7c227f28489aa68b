"""Listing pages run a fixed number of queries, however many items they list."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.resources.factories import (
    BlogPageFactory,
    CategoryFactory,
    DocumentFactory,
    GuidePageFactory,
    ImageFactory,
    PartnerFactory,
    ReportPageFactory,
    ToolkitPageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def queries_to_render(client, url):
    """Queries for a second visit: the first makes the image renditions, once for good."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_blog_and_category_archive_run_as_many_queries_for_50_posts_as_for_5(client, blog):
    categories = [CategoryFactory(slug="press-release"), CategoryFactory()]
    urls = ["/en/blog/", "/en/blog/category/press-release/", "/en/blog/feed/"]

    def add_posts(count):
        for _ in range(count):
            BlogPageFactory(parent=blog, image=ImageFactory(), intro="", categories=categories)

    add_posts(5)
    with_5 = {url: queries_to_render(client, url) for url in urls}
    add_posts(45)
    with_50 = {url: queries_to_render(client, url) for url in urls}
    assert with_50 == with_5


def test_library_runs_as_many_queries_for_50_resources_as_for_5(client, library):
    topics = [TopicFactory(), TopicFactory()]
    partner = PartnerFactory()
    factories = itertools.cycle([ReportPageFactory, ToolkitPageFactory, GuidePageFactory])

    def add_resources(count):
        for factory in itertools.islice(factories, count):
            downloads = [
                ("document_download", {"document": DocumentFactory(), "label": ""})
                for _ in range(2)
            ]
            factory(
                parent=library,
                image=ImageFactory(),
                downloads=downloads,
                topics=topics,
                partners=[partner],
            )

    add_resources(5)
    with_5 = queries_to_render(client, "/en/resources/")
    add_resources(45)
    assert queries_to_render(client, "/en/resources/") == with_5
    assert queries_to_render(client, "/en/resources/?topic=" + topics[0].slug) == with_5
