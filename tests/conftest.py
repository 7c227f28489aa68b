"""Fixtures shared by the whole suite."""

import json
import re
import time
from datetime import date
from html import unescape
from io import StringIO
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.cache.backends import base, locmem
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import Locale, Site

from demo.localization import translate
from home.models import HomePage
from home.roles import EDITORS, TRANSLATORS
from tests.home.factories import (
    ExternalLinkNoticeFactory,
    FooterFactory,
    HeaderFactory,
    StandardPageFactory,
)
from tests.pages import body, downloads, image_and_file, link
from tests.petitions.factories import PetitionIndexPageFactory, PetitionPageFactory
from tests.resources.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    CategoryFactory,
    GuidePageFactory,
    PartnerFactory,
    ReportPageFactory,
    ResourceIndexPageFactory,
    ToolkitPageFactory,
    TopicFactory,
)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, as Wagtail caches site root paths in it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def queued_email(settings):
    """Email goes through the queue as on the site (mail.backends), where Django's test
    setup would send it straight to mail.outbox: the tests' immediate task backend runs
    each delivery job at once, into mail.outbox (MAIL_DELIVERY_BACKEND)."""
    settings.EMAIL_BACKEND = "mail.backends.QueuedEmailBackend"


@pytest.fixture
def later(monkeypatch):
    """Move the test cache's clock on by `seconds`, as if that much time had passed, so
    what it keeps expires without the test waiting or racing the wall clock."""

    def move_on(seconds):
        now = time.time()
        clock = SimpleNamespace(time=lambda: now + seconds)
        monkeypatch.setattr(base, "time", clock)  # when what is stored now expires
        monkeypatch.setattr(locmem, "time", clock)  # whether it has expired

    return move_on


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def translate_now(django_capture_on_commit_callbacks):
    """demo.localization.translate, with the publishing wagtail-localize defers to commit.

    Tests run inside a transaction that never commits, so the on-commit publish has
    to be run here, as it would be after a real request.
    """

    def translate_and_publish(instance, locale, strings, publish=True):
        with django_capture_on_commit_callbacks(execute=True):
            translate(instance, locale, strings, publish=publish)
        return type(instance).objects.get(translation_key=instance.translation_key, locale=locale)

    return translate_and_publish


@pytest.fixture
def home(english):
    """The English home page the data migration creates, with real content."""
    page = HomePage.objects.get(locale=english, depth=2)
    page.title = "Home"
    page.hero_heading = "Organizing for migrant justice"
    page.intro = "<p>We fight deportations.</p>"
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def spanish_home(home, spanish, translate_now):
    """The Spanish home page: a wagtail-localize translation of the English one."""
    return translate_now(
        home,
        spanish,
        {
            "Home": "Inicio",
            "Organizing for migrant justice": "Organizándonos por la justicia migrante",
            "We fight deportations.": "Luchamos contra las deportaciones.",
        },
    )


@pytest.fixture
def chrome(english, spanish, translate_now):
    """Header and footer in both languages, the Spanish ones real translations."""
    header = HeaderFactory(site_name="Mijente", locale=english)
    footer = FooterFactory(legal_disclaimer="Paid for in part by Mijente PAC.", locale=english)
    translate_now(header, spanish, {})
    translate_now(
        footer, spanish, {"Paid for in part by Mijente PAC.": "Pagado en parte por Mijente PAC."}
    )
    return header, footer


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


# The people who use the admin, one fixture each (a user, and a client logged in as them):
# a superuser, a member of the Editors group and a member of the Translators group.
SUPERUSER_PASSWORD = "a-long-superuser-password-9271"


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def superuser_password():
    return SUPERUSER_PASSWORD


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "admin", "admin@example.org", SUPERUSER_PASSWORD
    )


@pytest.fixture
def superuser_client(superuser):
    return logged_in(superuser)


@pytest.fixture
def editor(django_user_model):
    """A member of the Editors group (communications staff), not a superuser."""
    return member_of(django_user_model, EDITORS, "editor")


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def translator(django_user_model):
    """A member of the Translators group."""
    return member_of(django_user_model, TRANSLATORS, "translator")


@pytest.fixture
def translator_client(translator):
    return logged_in(translator)


@pytest.fixture
def admin_listing(superuser_client):
    """The rows of an admin listing as the editor reads them: (title, other columns...)."""

    def rows(url):
        response = superuser_client.get(url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        return [
            tuple(
                (cell.select_one(".title-wrapper") or cell).get_text(" ", strip=True)
                for cell in row.select("td")
                if not cell.select_one("input[type=checkbox]")
            )
            for row in soup.select("table.listing tbody tr")
        ]

    return rows


@pytest.fixture
def translation_editor(superuser_client):
    """What wagtail-localize's translation editor shows for a translated page (its props)."""

    def props(page):
        response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', html)
        assert match, f"{page.url_path} does not open in the translation editor"
        return json.loads(unescape(match.group(1)))

    return props


@pytest.fixture
def load_demo(django_capture_on_commit_callbacks):
    """Run `manage.py load_demo_content` as `make run` does; returns what it printed."""

    def run(*args):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo_content", *args, stdout=out)
        return out.getvalue()

    return run


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, loaded once per test module on an empty database; what the command printed.

    The load is rolled back after the module's last test, and each test runs in a
    transaction of its own inside it, so tests may change the demo. A module that uses
    it should use it in every test: the others would see the demo too.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo_content", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


# A petition's English strings and their Spanish translations.
PETITION_SPANISH = {
    "Petitions": "Peticiones",
    "Tell Amazon: Stop Powering ICE!": "Dile a Amazon: ¡Deja de impulsar a ICE!",
    "Amazon's cloud runs ICE's deportation machine.": (
        "La nube de Amazon hace funcionar la máquina de deportaciones de ICE."
    ),
    "Thanks for standing with us.": "Gracias por estar con nosotros.",
    "I signed: tell Amazon to stop powering ICE!": (
        "Firmé: ¡dile a Amazon que deje de impulsar a ICE!"
    ),
}


@pytest.fixture
def petition_index(home):
    return PetitionIndexPageFactory(parent=home, title="Petitions", slug="petitions")


@pytest.fixture
def spanish_petition_index(petition_index, spanish_home, spanish, translate_now):
    return translate_now(petition_index, spanish, PETITION_SPANISH)


@pytest.fixture
def petition(petition_index):
    return PetitionPageFactory(
        parent=petition_index,
        title="Tell Amazon: Stop Powering ICE!",
        slug="stop-powering-ice",
        summary="Amazon's cloud runs ICE's deportation machine.",
        created_by="Mijente",
        goal=9000,
        thank_you_message="Thanks for standing with us.",
        share_text="I signed: tell Amazon to stop powering ICE!",
    )


@pytest.fixture
def spanish_petition(petition, spanish_petition_index, spanish, translate_now):
    return translate_now(petition, spanish, PETITION_SPANISH)


@pytest.fixture
def every_page_type(home, chrome, petition_index, petition, spanish_home, spanish, translate_now):
    """One page of every type, in English and Spanish, with all a page can show.

    Pages: /en/about/; the blog at /en/blog/ with posts post-1 to post-11 (2018-06-01 to
    -11, so a second page of posts), all in the categories press-release and analysis;
    the library at /en/resources/ with report/, toolkit/ and guide/ (topic
    know-your-rights, a partner, two downloads); /en/petitions/ with the open petition
    stop-powering-ice/, closed/ and won/. Bodies have every block, images and files; the
    home page features the newest post, the petition, the report and /en/about/; the
    header has a menu, the footer links, and the "You are leaving" notice lists
    supportcommittee.example.org. All of it but the older posts is translated into
    Spanish, at the same slugs (only the petition's strings into Spanish words). No one
    has signed a petition yet.
    """
    image, document = image_and_file()
    about = StandardPageFactory(
        parent=home, slug="about", title="About us", body=body(image, document, home)
    )

    blog = BlogIndexPageFactory(parent=home, slug="blog")
    categories = [CategoryFactory(name="Press release"), CategoryFactory(name="Analysis")]
    posts = [
        BlogPageFactory(
            parent=blog,
            slug=f"post-{number}",
            publication_date=date(2018, 6, number),
            image=image,
            categories=categories,
            body=body(image, document, about),
            related_pages=[link(about)],
        )
        for number in range(1, 12)
    ]

    library = ResourceIndexPageFactory(parent=home, slug="resources")
    topic, partner = TopicFactory(name="Know your rights"), PartnerFactory()
    resource = {
        "parent": library,
        "image": image,
        "downloads": downloads(2, document),
        "topics": [topic],
        "partners": [partner],
        "body": body(image, document, about),
    }
    report = ReportPageFactory(slug="report", title="Deportations report", **resource)
    toolkit = ToolkitPageFactory(
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
        **resource,
    )
    guide = GuidePageFactory(slug="guide", **resource)

    petition.body = body(image, document, home)
    petition.save_revision().publish()
    closed = PetitionPageFactory(parent=petition_index, slug="closed", status="closed")
    won = PetitionPageFactory(parent=petition_index, slug="won", status="won")

    home.featured_items = [
        ("featured_page", {"page": page, "blurb": "Read it."})
        for page in (posts[-1], petition, report, about)
    ]
    home.save_revision().publish()
    header, footer = chrome
    header.menu = [link(blog), link(library), link(petition_index)]
    header.save()
    footer.text = (
        f'<p>Read <a linktype="page" id="{about.pk}">about us</a> and '
        '<a href="https://mijente.net/">Mijente</a>.</p>'
    )
    footer.save()
    notice = ExternalLinkNoticeFactory()

    for source in (petition_index, petition):
        translate_now(source, spanish, PETITION_SPANISH)
    snippets = (header, footer, notice, *categories, topic, partner)
    pages = (home, about, blog, posts[-1], library, report, toolkit, guide, closed, won)
    for source in (*snippets, *pages):
        translate_now(source, spanish, {})
    return SimpleNamespace(
        image=image,
        document=document,
        header=header,
        footer=footer,
        notice=notice,
        about=about,
        blog=blog,
        categories=categories,
        posts=posts,
        post=posts[-1],
        library=library,
        topic=topic,
        partner=partner,
        report=report,
        toolkit=toolkit,
        guide=guide,
        petitions=petition_index,
        petition=petition,
        closed=closed,
        won=won,
    )
