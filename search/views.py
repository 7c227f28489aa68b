"""The search page, one per language: /en/search/ and /es/buscar/."""

import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from caching.lookups import active_locale
from caching.wagtail_serving import use_remembered_site
from listings.pagination import paginate

from .highlight import WORD, query_terms
from .results import describe, matching_pages, promoted_results, suggested_pages

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(value):
    """The query as typed, with spaces collapsed, control characters dropped, and cut short."""
    value = " ".join(value.split())
    value = "".join(char for char in value if unicodedata.category(char)[0] != "C")
    return value[:MAX_QUERY_LENGTH].strip()


def language_urls(query):
    """The same search in every language, for the language switcher and hreflang links."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("search")
        urls[code] = f"{url}?{urlencode({'q': query})}" if query else url
    return urls


def count_search(words):
    """Count one search for the editors' search terms report (Query.add_hit), with one
    query when the same words were searched for earlier the same day."""
    today = timezone.now().date()  # the date Query.add_hit counts by
    counted = QueryDailyHits.objects.filter(
        query__query_string=normalise_query_string(words), date=today
    ).update(hits=F("hits") + 1)
    if not counted:
        Query.get(words).add_hit(today)


# Private: a shared cache in front would answer repeated searches without counting them
# for the search terms report.
@require_safe
@cache_control(private=True)
def search(request):
    use_remembered_site(request)
    query = clean_query(request.GET.get("q", ""))
    words = " ".join(WORD.findall(query))
    locale = active_locale()
    context = {
        "search_query": query,
        "language_urls": language_urls(query),
        "results": [],
    }

    if words:
        terms = query_terms(words)
        promoted, promoted_ids = promoted_results(words, terms, locale, request)
        matching = matching_pages(words, locale, exclude=promoted_ids)
        # Not remembered: each search is counted, and its results change with the index.
        page = paginate(request, matching, RESULTS_PER_PAGE, remember_ids=False)
        results = describe(list(page.object_list), terms, request)
        if page.number == 1:
            results = promoted + results
            count_search(words)
        context.update(
            {
                "results": results,
                "result_count": page.paginator.count + len(promoted),
                "page_obj": page,
            }
        )

    if not context["results"]:
        context["suggestions"] = suggested_pages(locale)
    return TemplateResponse(request, "search/search.html", context)
