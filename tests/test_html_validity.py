"""Every page type is valid, accessible HTML, in both languages.

html5lib parses each page as browsers do and reports every parse error: stray or
misnested end tags, unclosed elements, nested forms. On top of that, checks of our own:
unique ids, alt text on every image, one h1 and headings in order, a label for every
form field, link text on every link, aria-describedby pointing at something, a language
on the page, and nothing inline that the Content-Security-Policy would block.
"""

import re
from collections import Counter
from itertools import pairwise

import html5lib
import pytest
from django.test import Client
from django.views import defaults

from tests.home.factories import ExternalLinkNoticeFactory, StandardPageFactory
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
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


def parse_errors(html):
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    tree = parser.parse(html)
    lines = html.splitlines()
    errors = [
        f"line {line}: {code} {details or ''} in {lines[line - 1].strip()[:120]!r}"
        for (line, _column), code, details in parser.errors
    ]
    return tree, errors


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def is_form_field(element):
    if element.tag == "input":
        return element.get("type") not in UNLABELLED_INPUT_TYPES
    return element.tag in ("select", "textarea")


def is_labelled(field, tree):
    if field.get("aria-label") or field.get("aria-labelledby"):
        return True
    labels = tree.iter("label")
    return any(label.get("for") == field.get("id") for label in labels if field.get("id"))


def html_problems(html):
    """What is wrong with a page's HTML, as readable sentences; [] when nothing is."""
    tree, problems = parse_errors(html)
    elements = list(tree.iter())
    ids = Counter(element.get("id") for element in elements if element.get("id"))
    problems += [f"id {name!r} is used {count} times" for name, count in ids.items() if count > 1]
    if not tree.get("lang"):
        problems.append("<html> has no lang")
    for element in elements:
        tag = element.tag
        if element.get("style") is not None:
            problems.append(f"<{tag}> has an inline style, which the CSP blocks")
        if tag == "style" or (tag == "script" and not element.get("src")):
            problems.append(f"inline <{tag}>, which the CSP blocks")
        if tag == "img" and element.get("alt") is None:
            problems.append(f"<img src={element.get('src')!r}> has no alt")
        if (
            tag == "a"
            and element.get("href") is not None
            and not (text_of(element) or element.get("aria-label"))
        ):
            problems.append(f"<a href={element.get('href')!r}> has no text")
        for described_by in (element.get("aria-describedby") or "").split():
            if described_by not in ids:
                problems.append(f"aria-describedby={described_by!r} names no element")
        if is_form_field(element) and not is_labelled(element, tree):
            problems.append(f"<{tag} name={element.get('name')!r}> has no label")
    levels = [int(element.tag[1]) for element in elements if re.fullmatch(r"h[1-6]", element.tag)]
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} h1 elements instead of one")
    problems += [
        f"an h{level} follows an h{previous}"
        for previous, level in pairwise(levels)
        if level > previous + 1
    ]
    return problems


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
