"""Both languages: rendering, the switcher, hreflang links and the fallbacks."""

import re

import pytest
from django.conf import settings
from wagtail_localize.models import Translation, TranslationSource

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def links_in(html, rel):
    return dict(re.findall(rf'<link rel="{rel}" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)"', nav)


def test_english_home_renders_in_english(client, spanish_home, chrome):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Organizing for migrant justice" in html
    assert "Skip to main content" in html
    assert "Paid for in part by Mijente PAC." in html


def test_spanish_home_renders_in_spanish(client, spanish_home, chrome):
    response = client.get("/es/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "Organizándonos por la justicia migrante" in html
    assert "Luchamos contra las deportaciones." in html
    assert "Saltar al contenido principal" in html
    assert "Pagado en parte por Mijente PAC." in html
    assert "Skip to main content" not in html


def test_spanish_home_is_a_wagtail_localize_translation(home, spanish_home, spanish):
    source = TranslationSource.objects.get_for_instance(home)
    assert Translation.objects.filter(source=source, target_locale=spanish).exists()
    assert spanish_home.translation_key == home.translation_key
    assert spanish_home.get_parent().pk == home.get_parent().pk


def test_switcher_on_each_home_goes_to_the_other_home(client, spanish_home):
    assert switcher_links(client.get("/en/").content.decode()) == [("/es/", "es", "es")]
    assert switcher_links(client.get("/es/").content.decode()) == [("/en/", "en", "en")]


def test_hreflang_links_name_every_live_translation_and_x_default(client, spanish_home):
    html = client.get("/es/").content.decode()
    assert links_in(html, "alternate") == {
        "en": "http://testserver/en/",
        "es": "http://testserver/es/",
        "x-default": "http://testserver/en/",
    }
    assert '<link rel="canonical" href="http://testserver/es/">' in html


def test_translated_page_switcher_goes_to_its_translation(
    translate_now, client, home, spanish_home, spanish
):
    page = StandardPageFactory(parent=home, title="How we win", slug="how-we-win")
    translated = translate_now(page, spanish, {"How we win": "Cómo ganamos"})
    translated.slug = "como-ganamos"
    translated.save_revision().publish()

    html = client.get("/en/how-we-win/").content.decode()
    assert switcher_links(html) == [("/es/como-ganamos/", "es", "es")]
    assert links_in(html, "alternate")["es"] == "http://testserver/es/como-ganamos/"

    html = client.get("/es/como-ganamos/").content.decode()
    assert "Cómo ganamos" in html
    assert switcher_links(html) == [("/en/how-we-win/", "en", "en")]


def test_untranslated_page_switcher_falls_back_to_the_other_home(client, home, spanish_home):
    StandardPageFactory(parent=home, title="Only in English", slug="only-english")
    html = client.get("/en/only-english/").content.decode()
    assert switcher_links(html) == [("/es/", "es", "es")]
    alternates = links_in(html, "alternate")
    assert "es" not in alternates
    assert alternates["en"] == "http://testserver/en/only-english/"


def test_unpublished_translation_is_not_offered(translate_now, client, home, spanish_home, spanish):
    page = StandardPageFactory(parent=home, title="Draft in Spanish", slug="draft-es")
    translate_now(page, spanish, {"Draft in Spanish": "Borrador"}, publish=False)
    html = client.get("/en/draft-es/").content.decode()
    assert switcher_links(html) == [("/es/", "es", "es")]
    assert client.get("/es/draft-es/").status_code == 404


@pytest.mark.parametrize(
    ("cookie", "accept_language", "expected"),
    [
        (None, None, "/en/"),
        (None, "es-MX,es;q=0.9,en;q=0.8", "/es/"),
        (None, "en-US,en;q=0.9", "/en/"),
        (None, "fr-FR,fr;q=0.9", "/en/"),
        ("es", None, "/es/"),
        ("es", "en-US,en;q=0.9", "/es/"),
        ("en", "es-MX,es;q=0.9", "/en/"),
    ],
)
def test_root_redirects_by_cookie_then_accept_language_then_english(
    client, spanish_home, cookie, accept_language, expected
):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_reading_in_spanish_remembers_the_language_for_the_root(client, spanish_home):
    client.get("/es/")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/es/"


def test_not_found_page_is_in_the_requests_language(client, spanish_home):
    response = client.get("/es/no-existe/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="es">' in html
    assert "Página no encontrada" in html

    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_post_to_root_is_refused(client):
    assert client.post("/").status_code == 405
