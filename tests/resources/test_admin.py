"""Editors create each resources page type and snippet in the admin, only where it belongs."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import StandardPage
from resources.models import (
    BlogIndexPage,
    BlogPage,
    Category,
    GuidePage,
    ReportPage,
    ResourceIndexPage,
    ResourcePage,
    ToolkitPage,
)
from tests.resources.factories import (
    CategoryFactory,
    DocumentFactory,
    PartnerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def add_page_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("resources", model._meta.model_name, parent.pk))


def resource_fields(**fields):
    """The add form of a report, toolkit or guide, with no image, files or body."""
    return {
        "publication_date": "2018-10-23",
        "summary": "What it is and who it is for.",
        "image": "",
        "image_alt": "",
        "downloads": streamfield([]),
        "body": streamfield([]),
        **fields,
    }


def publish(client, model, parent, chosen=None, **fields):
    """Post the add-page form with Publish; `chosen` holds the checkbox lists (categories...)."""
    data = nested_form_data({"action-publish": "publish", **fields})
    return client.post(add_page_url(model, parent), {**data, **(chosen or {})})


def test_each_page_type_can_only_be_created_where_it_belongs(home):
    standard = home.add_child(instance=StandardPage(title="About", slug="about"))
    blog = home.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    library = home.add_child(instance=ResourceIndexPage(title="Resources", slug="resources"))
    root = Page.objects.get(depth=1)
    expected = {
        BlogIndexPage: [home],
        BlogPage: [blog],
        ResourceIndexPage: [home],
        ReportPage: [library],
        ToolkitPage: [library],
        GuidePage: [library],
    }
    for model, allowed in expected.items():
        places = [root, home, standard, blog, library]
        assert [parent for parent in places if model.can_exist_under(parent)] == allowed, model
    assert ReportPage.can_create_at(library)
    assert not ResourcePage.can_create_at(library)


def test_there_is_one_blog_and_one_library_per_home_page(home, blog, library):
    assert not BlogIndexPage.can_create_at(home)
    assert not ResourceIndexPage.can_create_at(home)


def test_editor_creates_a_blog_and_a_post_with_categories_and_tags(superuser_client, home):
    response = publish(superuser_client, BlogIndexPage, home, title="Blog", slug="blog", intro="")
    assert response.status_code == 302
    blog = BlogIndexPage.objects.get()
    category = CategoryFactory(name="Press release", slug="press-release")

    response = publish(
        superuser_client,
        BlogPage,
        blog,
        title="Chinga La Migra: Chicago",
        slug="chinga-la-migra-chicago",
        publication_date="2018-06-03",
        author_line="By Mijente staff",
        intro="We shut down the ICE office.",
        image="",
        image_alt="",
        body=streamfield([("paragraph", rich_text("<p>ICE out of Chicago.</p>"))]),
        chosen={"categories": [category.pk]},
        tags="chicago, ice",
        related_pages=streamfield([]),
    )
    assert response.status_code == 302
    post = BlogPage.objects.get()
    assert list(post.categories.all()) == [category]
    assert sorted(post.tags.names()) == ["chicago", "ice"]
    html = superuser_client.get("/en/blog/chinga-la-migra-chicago/").content.decode()
    assert "ICE out of Chicago." in html
    assert "3 June 2018" in html


def test_post_form_offers_only_the_categories_in_the_posts_language(
    superuser_client, blog, spanish, translate_now
):
    category = CategoryFactory(name="Press release", slug="press-release")
    translate_now(category, spanish, {"Press release": "Comunicado de prensa"})
    html = superuser_client.get(add_page_url(BlogPage, blog)).content.decode()
    assert "Press release" in html
    assert "Comunicado de prensa" not in html


def test_editor_creates_a_report_with_its_files(superuser_client, library):
    document = DocumentFactory(title="Who's Behind ICE? (PDF)")
    topic = TopicFactory(name="Surveillance")
    response = publish(
        superuser_client,
        ReportPage,
        library,
        chosen={"topics": [topic.pk]},
        **resource_fields(
            title="Who's Behind ICE?",
            slug="whos-behind-ice",
            downloads=streamfield(
                [("document_download", {"document": document.pk, "label": "Read the report"})]
            ),
        ),
    )
    assert response.status_code == 302
    html = superuser_client.get("/en/resources/whos-behind-ice/").content.decode()
    assert "Read the report</a>" in html


def test_report_without_a_file_is_refused(superuser_client, library):
    response = publish(
        superuser_client,
        ReportPage,
        library,
        **resource_fields(title="Empty report", slug="empty-report"),
    )
    assert response.status_code == 200
    assert "Add at least one file for readers to download." in response.content.decode()
    assert not ReportPage.objects.exists()


def test_editor_creates_a_toolkit_in_sections_and_a_guide(superuser_client, library):
    flyer = DocumentFactory(title="Family plan flyer")
    response = publish(
        superuser_client,
        ToolkitPage,
        library,
        **resource_fields(
            title="We Will Resist and Defend",
            slug="we-will-resist",
            sections=streamfield(
                [
                    (
                        "section",
                        {
                            "heading": "Before ICE comes",
                            "text": rich_text("<p>Make a plan.</p>"),
                            "materials": streamfield(
                                [("item", {"document": flyer.pk, "label": "Family plan"})]
                            ),
                        },
                    )
                ]
            ),
        ),
    )
    assert response.status_code == 302
    html = superuser_client.get("/en/resources/we-will-resist/").content.decode()
    assert "<h2>Before ICE comes</h2>" in html
    assert "Family plan</a>" in html

    response = publish(
        superuser_client,
        GuidePage,
        library,
        **resource_fields(
            title="Know your rights at home",
            slug="know-your-rights",
            body=streamfield([("paragraph", rich_text("<p>Don't open the door.</p>"))]),
        ),
    )
    assert response.status_code == 302
    assert GuidePage.objects.filter(slug="know-your-rights").exists()


def test_categories_topics_and_partners_are_listed_for_editors_with_their_languages(
    admin_listing, spanish, translate_now
):
    category = CategoryFactory(name="Press release", slug="press-release")
    translate_now(category, spanish, {"Press release": "Comunicado de prensa"})
    TopicFactory(name="Surveillance", slug="surveillance")
    PartnerFactory(name="Just Futures Law", website="https://justfutureslaw.org/")

    assert sorted(admin_listing(reverse("wagtailsnippets_resources_category:list"))) == [
        ("Comunicado de prensa", "press-release", "Español"),
        ("Press release", "press-release", "English"),
    ]
    assert admin_listing(reverse("wagtailsnippets_resources_topic:list")) == [
        ("Surveillance", "surveillance", "English")
    ]
    assert admin_listing(reverse("wagtailsnippets_resources_partner:list")) == [
        ("Just Futures Law", "https://justfutureslaw.org/", "English")
    ]


def test_editor_creates_a_category(superuser_client, english):
    response = superuser_client.post(
        reverse("wagtailsnippets_resources_category:add"),
        {"name": "Campaign update", "slug": "campaign-update", "locale": english.pk},
    )
    assert response.status_code == 302
    assert Category.objects.get().name == "Campaign update"


def test_editor_can_open_the_add_form_of_every_page_type_and_snippet(
    superuser_client, home, blog, library
):
    forms = [
        add_page_url(BlogPage, blog),
        add_page_url(ReportPage, library),
        add_page_url(ToolkitPage, library),
        add_page_url(GuidePage, library),
        reverse("wagtailsnippets_resources_category:add"),
        reverse("wagtailsnippets_resources_topic:add"),
        reverse("wagtailsnippets_resources_partner:add"),
        reverse("wagtaildocs:add"),
    ]
    for url in forms:
        assert superuser_client.get(url).status_code == 200, url
