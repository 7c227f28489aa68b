"""Where each language version of the current page lives: switcher, hreflang, canonical.

A page links to its live translations. Where a page has no live translation in a
language, the switcher offers that language's home page instead, and no hreflang
alternate is claimed for it.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site

from caching.lookups import remember

# English (settings.LANGUAGE_CODE) is the source language; translators work into this one.
TRANSLATION_LANGUAGE = "es"


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool


def language_home_pages(request):
    """The live home page of each language, keyed by language code."""
    site = Site.find_for_request(request)
    if site is None:
        return {}

    def find():
        homes = site.root_page.get_translations(inclusive=True).live().select_related("locale")
        return {home.locale.language_code: home for home in homes}

    return remember(("language-home-pages", site.pk), find)


def live_versions(translation_keys):
    """The live pages with these translation keys, as {translation_key: {language code: page}}.

    One query, however many keys.
    """
    versions = defaultdict(dict)
    pages = Page.objects.live().filter(translation_key__in=translation_keys)
    for page in pages.select_related("locale"):
        versions[page.translation_key][page.locale.language_code] = page
    return versions


def live_translations(page):
    """The live versions of page, its own included, keyed by language code."""
    return live_versions([page.translation_key])[page.translation_key]


def hreflang_alternates(urls, current_url):
    """The hreflang links of one page, as (language code, absolute URL) pairs.

    `urls` maps language codes to the absolute URLs of the page's live versions. They
    come in the order of settings.LANGUAGES, then x-default: the English version where
    it exists, else the page itself. The page and the sitemap both use this.
    """
    alternates = [(code, urls[code]) for code, _name in settings.LANGUAGES if code in urls]
    x_default = urls.get(settings.LANGUAGE_CODE) or current_url
    if x_default and alternates:
        alternates.append(("x-default", x_default))
    return alternates


def language_versions(request, page=None, urls=None):
    """One LanguageVersion per configured language, for the switcher.

    `page` is the Wagtail page being shown; `urls` maps language codes to the URLs of
    a non-page view (such as search) in each language. Anything else falls back to
    each language's home page.
    """
    current = get_language()
    translations = live_translations(page) if page is not None and page.pk else {}
    homes = None
    versions = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url, is_translation = translations[code].get_url(request), True
        elif urls and code in urls:
            url, is_translation = urls[code], True
        else:
            if homes is None:
                homes = language_home_pages(request)
            home = homes.get(code)
            url, is_translation = (home.get_url(request) if home else f"/{code}/"), False
        versions.append(LanguageVersion(code, name, url, code == current, is_translation))
    return versions


def language_links(request, page=None, urls=None):
    """Everything the templates need about languages, computed once per response.

    Returns the switcher's versions, the hreflang alternates (live translations only,
    plus x-default, the English version where it exists) and the canonical URL.
    """
    versions = language_versions(request, page=page, urls=urls)
    absolute = {v.code: request.build_absolute_uri(v.url) for v in versions if v.is_translation}
    current = next((v for v in versions if v.is_current and v.is_translation), None)
    canonical = absolute[current.code] if current else None
    alternates = hreflang_alternates(absolute, canonical)
    return {"versions": versions, "alternates": alternates, "canonical": canonical}
