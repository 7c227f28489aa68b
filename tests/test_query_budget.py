"""Every page type renders in at most 12 database queries with the page cache off, however
much content it shows (signing: tests/petitions/test_signing.py, listings with 5 and 50
items: tests/<app>/test_queries.py and the like).

Counts are of a second view, as on a running site: the first view of a page after a
content change also looks up what each process remembers (caching/lookups.py) and makes the
image renditions.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.home.factories import StandardPageFactory
from tests.pages import body, downloads, link
from tests.petitions.factories import (
    PetitionIndexPageFactory,
    PetitionPageFactory,
    SignatureFactory,
)
from tests.resources.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    CategoryFactory,
    DocumentFactory,
    ImageFactory,
    PartnerFactory,
    ReportPageFactory,
    ResourceIndexPageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12


@pytest.fixture
def page_types(every_page_type, spanish):
    """For each page type of the site with one page of every type (its header with a
    menu, its footer with links, a notice with a listed domain), its address and something
    that page shows; the petition has signatures."""
    site = every_page_type
    SignatureFactory.create_batch(3, petition=site.petition)
    post, petition = site.post, site.petition  # the newest post
    spanish_petition = petition.get_translation(spanish)
    leaving = "/en/leaving/?url=https%3A%2F%2Fsupportcommittee.example.org%2F"
    return {
        "home": ("/en/", "Organizing for migrant justice"),
        "Spanish home": ("/es/", "Organizándonos por la justicia migrante"),
        "standard page": (site.about.url, site.about.title),
        "blog": ("/en/blog/", post.title),
        "category archive": ("/en/blog/category/press-release/", post.title),
        "year archive": (f"/en/blog/{post.publication_date.year}/", post.title),
        "blog feed": ("/en/blog/feed/", post.title),
        "blog post": (post.url, post.title),
        "Spanish blog post": (post.get_translation(spanish).url, post.title),
        "resource library": ("/en/resources/", site.guide.title),
        "report": (site.report.url, site.report.title),
        "toolkit": (site.toolkit.url, site.toolkit.title),
        "guide": (site.guide.url, site.guide.title),
        "petition index": ("/en/petitions/", petition.title),
        "petition": (petition.url, petition.title),
        "Spanish petition": (spanish_petition.url, spanish_petition.title),
        "petition thank-you page": (f"{petition.url}thanks/", petition.title),
        "search": ("/en/search/?q=organize", "results for “organize”"),
        "external link notice": (leaving, 'href="https://supportcommittee.example.org/"'),
    }


def queries_for(client, url, shows):
    """Queries for a view of `url` once the site has served it before; the view must be
    the page itself, showing `shows`."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert shows in response.content.decode(), url
    return len(queries)


PAGE_TYPES = [
    "home",
    "Spanish home",
    "standard page",
    "blog",
    "category archive",
    "year archive",
    "blog feed",
    "blog post",
    "Spanish blog post",
    "resource library",
    "report",
    "toolkit",
    "guide",
    "petition index",
    "petition",
    "Spanish petition",
    "petition thank-you page",
    "search",
    "external link notice",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_renders_in_at_most_12_queries(client, page_types, page_type):
    assert queries_for(client, *page_types[page_type]) <= QUERY_BUDGET


def test_a_page_costs_the_same_queries_with_ten_times_more_in_its_body(client, home):
    image, about = ImageFactory(), StandardPageFactory(parent=home)
    short = StandardPageFactory(parent=home, body=body(image, DocumentFactory(), about))
    long = StandardPageFactory(parent=home, body=body(image, DocumentFactory(), about, count=10))
    assert queries_for(client, short.url, short.title) == queries_for(client, long.url, long.title)


def test_a_post_costs_the_same_queries_with_ten_times_more_categories_and_links(client, home):
    blog, image = BlogIndexPageFactory(parent=home), ImageFactory()
    about = StandardPageFactory(parent=home)
    few = BlogPageFactory(
        parent=blog,
        image=image,
        categories=[CategoryFactory()],
        body=body(image, DocumentFactory(), about),
        related_pages=[link(about)],
    )
    many = BlogPageFactory(
        parent=blog,
        image=image,
        categories=[CategoryFactory() for _ in range(10)],
        body=body(image, DocumentFactory(), about, count=10),
        related_pages=[link(about)] * 10,
    )
    assert queries_for(client, few.url, few.title) == queries_for(client, many.url, many.title)


def test_a_report_costs_the_same_queries_with_ten_times_more_files_and_topics(client, home):
    library = ResourceIndexPageFactory(parent=home)
    few = ReportPageFactory(parent=library, downloads=downloads(1), topics=[TopicFactory()])
    many = ReportPageFactory(
        parent=library,
        downloads=downloads(10),
        topics=[TopicFactory() for _ in range(10)],
        partners=[PartnerFactory() for _ in range(10)],
    )
    assert queries_for(client, few.url, few.title) == queries_for(client, many.url, many.title)


def test_a_petition_costs_the_same_queries_with_a_hundred_times_more_signatures(client, home):
    index = PetitionIndexPageFactory(parent=home)
    quiet, viral = PetitionPageFactory(parent=index), PetitionPageFactory(parent=index)
    SignatureFactory.create_batch(2, petition=quiet)
    SignatureFactory.create_batch(200, petition=viral)
    assert queries_for(client, quiet.url, quiet.title) == queries_for(
        client, viral.url, viral.title
    )


def test_the_home_page_costs_the_same_queries_with_ten_times_more_featured_pages(client, home):
    blog, index = BlogIndexPageFactory(parent=home), PetitionIndexPageFactory(parent=home)

    def feature(count):
        pages = [BlogPageFactory(parent=blog) for _ in range(count)]
        pages += [PetitionPageFactory(parent=index) for _ in range(count)]
        home.featured_items = [("featured_page", {"page": page, "blurb": ""}) for page in pages]
        home.save_revision().publish()
        return queries_for(client, "/en/", pages[-1].title)

    assert feature(1) == feature(10)
