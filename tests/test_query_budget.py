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

from tests.home.factories import (
    ExternalLinkNoticeFactory,
    FooterFactory,
    HeaderFactory,
    StandardPageFactory,
)
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
    GuidePageFactory,
    ImageFactory,
    PartnerFactory,
    ReportPageFactory,
    ResourceIndexPageFactory,
    ToolkitPageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12


def link(page):
    return ("link", {"page": page, "url": "", "label": ""})


def image_block(image):
    return (
        "image",
        {
            "image": {"image": image, "alt_text": "Marchers", "decorative": False},
            "caption": "",
            "credit": "",
        },
    )


def downloads(count):
    return [("document_download", {"document": DocumentFactory(), "label": ""})] * count


def body(count, image, page):
    """A body with `count` of each block that looks something up: images, links, files."""
    return (
        [("paragraph", "<p>We organize.</p>")]
        + [image_block(image) for _ in range(count)]
        + [
            (
                "related_links",
                {"heading": "Read more", "links": [link(page)[1] for _ in range(count)]},
            ),
            (
                "call_to_action",
                {"heading": "Sign", "text": "", "link": link(page)[1]},
            ),
        ]
        + downloads(count)
    )


@pytest.fixture
def site(home, spanish_home, english, spanish, translate_now):
    """A site in both languages with one page of every type, and the header and footer
    every page shows: a menu of pages, and a footer with links. For each page type, its
    address and something that page shows."""
    image = ImageFactory()
    blog = BlogIndexPageFactory(parent=home, slug="blog")
    library = ResourceIndexPageFactory(parent=home, slug="resources")
    petitions = PetitionIndexPageFactory(parent=home, slug="petitions")
    about = StandardPageFactory(parent=home, slug="about", body=body(1, image, blog))
    categories = [CategoryFactory(slug="press-release"), CategoryFactory()]
    for category in categories:
        translate_now(category, spanish, {})
    posts = [
        BlogPageFactory(
            parent=blog,
            slug=f"post-{number}",
            image=image,
            categories=categories,
            body=body(1, image, about),
            related_pages=[link(about)],
        )
        for number in range(3)
    ]
    topic, partner = TopicFactory(slug="know-your-rights"), PartnerFactory()
    resources = {
        factory: factory(
            parent=library,
            image=image,
            downloads=downloads(2),
            topics=[topic],
            partners=[partner],
            body=body(1, image, about),
        )
        for factory in (ReportPageFactory, ToolkitPageFactory, GuidePageFactory)
    }
    petition = PetitionPageFactory(parent=petitions, slug="stop-raids", body=body(1, image, blog))
    SignatureFactory.create_batch(3, petition=petition)
    for page in (blog, posts[0], petitions, petition):
        translate_now(page, spanish, {})

    header = HeaderFactory(site_name="Mijente", menu=[link(blog), link(library), link(petitions)])
    footer = FooterFactory(
        text=f'<p>Read <a linktype="page" id="{about.pk}">about us</a> and '
        '<a href="https://mijente.net/">Mijente</a>.</p>'
    )
    translate_now(header, spanish, {})
    translate_now(footer, spanish, {})
    ExternalLinkNoticeFactory(locale=english, domains="supportcommittee.example.org")
    home.featured_items = [
        ("featured_page", {"page": page, "blurb": ""}) for page in (posts[0], petition, about)
    ]
    home.save_revision().publish()
    report, toolkit, guide = resources.values()
    leaving = "/en/leaving/?url=https%3A%2F%2Fsupportcommittee.example.org%2F"
    return {
        "home": ("/en/", "Organizing for migrant justice"),
        "Spanish home": ("/es/", "Organizándonos por la justicia migrante"),
        "standard page": (about.url, about.title),
        "blog": ("/en/blog/", posts[2].title),
        "category archive": ("/en/blog/category/press-release/", posts[2].title),
        "year archive": (f"/en/blog/{posts[0].publication_date.year}/", posts[2].title),
        "blog feed": ("/en/blog/feed/", posts[2].title),
        "blog post": (posts[0].url, posts[0].title),
        "Spanish blog post": (posts[0].get_translation(spanish).url, posts[0].title),
        "resource library": ("/en/resources/", guide.title),
        "report": (report.url, report.title),
        "toolkit": (toolkit.url, toolkit.title),
        "guide": (guide.url, guide.title),
        "petition index": ("/en/petitions/", petition.title),
        "petition": (petition.url, petition.title),
        "Spanish petition": (petition.get_translation(spanish).url, petition.title),
        "petition thank-you page": (f"{petition.url}thanks/", petition.title),
        "search": ("/en/search/?q=organize", about.title),
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
def test_page_type_renders_in_at_most_12_queries(client, site, page_type):
    assert queries_for(client, *site[page_type]) <= QUERY_BUDGET


def test_a_page_costs_the_same_queries_with_ten_times_more_in_its_body(client, home):
    image, about = ImageFactory(), StandardPageFactory(parent=home)
    short = StandardPageFactory(parent=home, body=body(1, image, about))
    long = StandardPageFactory(parent=home, body=body(10, image, about))
    assert queries_for(client, short.url, short.title) == queries_for(client, long.url, long.title)


def test_a_post_costs_the_same_queries_with_ten_times_more_categories_and_links(client, home):
    blog, image = BlogIndexPageFactory(parent=home), ImageFactory()
    about = StandardPageFactory(parent=home)
    few = BlogPageFactory(
        parent=blog,
        image=image,
        categories=[CategoryFactory()],
        body=body(1, image, about),
        related_pages=[link(about)],
    )
    many = BlogPageFactory(
        parent=blog,
        image=image,
        categories=[CategoryFactory() for _ in range(10)],
        body=body(10, image, about),
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
