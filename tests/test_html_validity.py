"""Every page type is valid, accessible HTML, in both languages (tests/html_checks.py)."""

import pytest
from django.test import Client
from django.views import defaults

from tests.home.factories import ExternalLinkNoticeFactory, StandardPageFactory
from tests.html_checks import html_problems
from tests.petitions.factories import PetitionIndexPageFactory, PetitionPageFactory
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

SUPPORT_SITE = "https://supportcommittee.example.org/donate"


def test_html_checks_catch_what_they_are_meant_to_catch():
    page = (
        '<!DOCTYPE html><html><head><title>t</title></head><body><main id="a">'
        '<h1>One</h1><h3>Skipped</h3><img src="x.png"><p id="a"><div>d</div></p>'
        '<form><form></form></form><a href="/"></a><input name="q" style="color: red">'
        "</main></body></html>"
    )
    problems = html_problems(page)
    for expected in (
        "unexpected-end-tag",
        "unexpected-start-tag",
        "id 'a' is used 2 times",
        "<html> has no lang",
        "<img src='x.png'> has no alt",
        "an h3 follows an h1",
        "<a href='/'> has no text",
        "<input name='q'> has no label",
        "inline style",
    ):
        assert any(expected in problem for problem in problems), expected


def every_block(image, document, page):
    """A body with every block editors can add, as stored (the embed needs the internet)."""
    return [
        {"type": "heading", "value": {"text": "Why it matters", "level": "h2"}},
        {"type": "paragraph", "value": f'<p>Read <a href="{SUPPORT_SITE}">our allies</a>.</p>'},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": "A march"},
                "caption": "The march downtown.",
                "credit": "Photo: Mijente",
            },
        },
        {"type": "heading", "value": {"text": "What we ask", "level": "h3"}},
        {"type": "quote", "value": {"quote": "Not one more.", "attribution": "Marisa Franco"}},
        {
            "type": "call_to_action",
            "value": {
                "heading": "Join us",
                "text": "Sign up.",
                "link": {"page": page.pk, "url": "", "label": "Join"},
            },
        },
        {
            "type": "related_links",
            "value": {
                "heading": "For more information",
                "links": [{"page": None, "url": SUPPORT_SITE, "label": "Give"}],
            },
        },
        {"type": "document_download", "value": {"document": document.pk, "label": "Get it"}},
    ]


@pytest.fixture
def every_page_type(home, spanish_home, chrome, english, spanish, translate_now):
    """One page of each type, with images, files and every block, in English and Spanish."""
    notice = ExternalLinkNoticeFactory(locale=english)
    image, document = ImageFactory(), DocumentFactory()
    body = every_block(image, document, home)
    standard = StandardPageFactory(parent=home, slug="about", title="About us", body=body)

    blog = BlogIndexPageFactory(parent=home, slug="blog")
    category = CategoryFactory(name="Press release", slug="press-release")
    posts = [
        BlogPageFactory(
            parent=blog, slug=f"post-{number}", image=image, publication_date=f"2018-06-{number:02}"
        )
        for number in range(1, 12)
    ]
    post = posts[-1]
    post.categories.add(category)
    post.body = body
    post.save_revision().publish()

    library = ResourceIndexPageFactory(parent=home, slug="resources")
    report = ReportPageFactory(parent=library, slug="report", image=image, body=body)
    report.topics.add(TopicFactory(name="Surveillance"))
    report.partners.add(PartnerFactory())
    report.save_revision().publish()
    toolkit = ToolkitPageFactory(
        parent=library,
        slug="toolkit",
        sections=[
            {
                "type": "section",
                "value": {
                    "heading": "Before ICE comes",
                    "text": "<p>Make a plan.</p>",
                    "materials": [{"document": document.pk, "label": "Flyer"}],
                },
            }
        ],
    )
    guide = GuidePageFactory(parent=library, slug="guide")

    petitions = PetitionIndexPageFactory(parent=home)
    petition = PetitionPageFactory(parent=petitions, slug="open", body=body)
    closed = PetitionPageFactory(parent=petitions, slug="closed", status="closed")
    won = PetitionPageFactory(parent=petitions, slug="won", status="won")

    home.featured_items = [
        {"type": "featured_page", "value": {"page": page.pk, "blurb": "Read it."}}
        for page in (post, petition, report)
    ]
    home.save_revision().publish()
    translated = (notice, home, standard, blog, category, post, library, report, toolkit, guide)
    for source in (*translated, petitions, petition, closed, won):
        translate_now(source, spanish, {})


PAGES = [
    ("/en/", 200),
    ("/es/", 200),
    ("/en/about/", 200),
    ("/es/about/", 200),
    ("/en/blog/", 200),
    ("/en/blog/?page=2", 200),
    ("/en/blog/category/press-release/", 200),
    ("/en/blog/2018/", 200),
    ("/en/blog/post-11/", 200),
    ("/es/blog/post-11/", 200),
    ("/en/resources/", 200),
    ("/en/resources/?type=nothing", 400),
    ("/en/resources/report/", 200),
    ("/es/resources/report/", 200),
    ("/en/resources/toolkit/", 200),
    ("/en/resources/guide/", 200),
    ("/en/petitions/", 200),
    ("/es/petitions/", 200),
    ("/en/petitions/open/", 200),
    ("/es/petitions/open/", 200),
    ("/en/petitions/closed/", 200),
    ("/en/petitions/won/", 200),
    ("/en/petitions/open/thanks/", 200),
    ("/es/petitions/open/thanks/", 200),
    ("/en/search/", 200),
    ("/en/search/?q=post", 200),
    ("/es/buscar/?q=nadaparecido", 200),
    (f"/en/leaving/?url={SUPPORT_SITE}", 200),
    (f"/es/saliendo/?url={SUPPORT_SITE}", 200),
    ("/en/leaving/?url=http://elsewhere.example/", 400),
    ("/en/nothing-here/", 404),
    ("/es/nada-aqui/", 404),
]


def test_every_page_type_is_valid_accessible_html(client, every_page_type):
    problems = {}
    for url, status in PAGES:
        response = client.get(url)
        assert response.status_code == status, url
        if found := html_problems(response.content.decode()):
            problems[url] = found
    assert problems == {}


def test_petition_form_with_errors_is_valid_accessible_html(client, every_page_type):
    response = client.post("/es/petitions/open/", {"email": "not an email"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html
    assert html_problems(html) == []


def test_error_pages_are_valid_accessible_html(rf, home, chrome):
    request = rf.get("/en/somewhere/")
    forbidden = defaults.permission_denied(request, PermissionError())
    server_error = defaults.server_error(request)
    csrf_failure = Client(enforce_csrf_checks=True).post("/en/search/")
    for response, status in ((forbidden, 403), (server_error, 500), (csrf_failure, 403)):
        assert response.status_code == status
        assert html_problems(response.content.decode()) == []
