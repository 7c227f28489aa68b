"""What one search finds, in the reader's language, ready for the template to show."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search.utils import normalise_query_string

from caching.lookups import public

from .backends import backend_for_language, indexed_texts
from .highlight import excerpt, highlight

# Where to send a reader who found nothing, when the site has such a page in their
# language: (page type, link text).
SUGGESTED_PAGE_TYPES = [
    ("resources.ResourceIndexPage", _("Browse the resource library")),
    ("petitions.PetitionIndexPage", _("Sign an open petition")),
]


@dataclass(frozen=True)
class SearchResult:
    title: SafeString
    url: str
    label: str
    excerpt: SafeString
    date: datetime.date | None = None
    is_promoted: bool = False


def searchable_pages(locale):
    """Live, public pages in one language, the site's root excluded."""
    return public(Page.objects.live().filter(locale=locale, depth__gt=1))


def matching_pages(words, locale, exclude=()):
    """The pages in `locale` that match `words`, best first, through its language's backend."""
    pages = searchable_pages(locale)
    if exclude:
        pages = pages.exclude(pk__in=exclude)
    return pages.specific().search(words, backend=backend_for_language(locale.language_code))


def text_of(page, field_name):
    """The plain text of one of the page's text fields, or "" where it has none."""
    value = getattr(page, field_name, None)
    try:
        field = page._meta.get_field(field_name)
    except FieldDoesNotExist:
        field = None
    if isinstance(field, RichTextField):
        return get_text_for_indexing(value or "")
    return value if isinstance(value, str) else ""


def describe(pages, terms, request, descriptions=None, is_promoted=False):
    """One SearchResult per page: its type, title, date and an excerpt marking `terms`."""
    descriptions = descriptions or {}
    texts = indexed_texts(pages) if pages else {}
    return [
        SearchResult(
            title=highlight(page.title, terms),
            url=page.get_url(request),
            label=getattr(page, "search_result_label", _("Page")),
            date=getattr(page, "publication_date", None),
            excerpt=excerpt(
                [
                    descriptions.get(page.pk),
                    page.search_description,
                    text_of(page, "intro"),
                    text_of(page, "summary"),
                    texts[page.pk],
                ],
                terms,
            ),
            is_promoted=is_promoted,
        )
        for page in pages
    ]


def promoted_results(words, terms, locale, request):
    """The results editors pinned to this query, in their order, in the reader's language.

    A pinned page shows as its translation into the reader's language, and not at all
    where it has none. Returns the results and the ids of the pages among them.
    """
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(words))
        .select_related("page")
        .order_by("sort_order")
    )
    keys = [promotion.page.translation_key for promotion in promotions if promotion.page]
    localized = {}
    if keys:
        localized = {
            page.translation_key: page
            for page in searchable_pages(locale).filter(translation_key__in=keys).specific()
        }
    shown, seen = [], set()
    for promotion in promotions:
        page = localized.get(promotion.page.translation_key) if promotion.page else None
        if promotion.page and (page is None or page.pk in seen):
            continue
        if page:
            seen.add(page.pk)
        shown.append((promotion, page))

    pages = [page for _, page in shown if page]
    descriptions = {
        page.pk: promotion.description
        for promotion, page in shown
        if page and page.pk == promotion.page_id
    }
    described = describe(pages, terms, request, descriptions, is_promoted=True)
    by_page = {page.pk: result for page, result in zip(pages, described, strict=True)}
    results = [
        by_page[page.pk] if page else link_result(promotion, terms) for promotion, page in shown
    ]
    return results, [page.pk for page in pages]


def link_result(promotion, terms):
    """A pinned link to another site."""
    return SearchResult(
        title=highlight(promotion.external_link_text or promotion.external_link_url, terms),
        url=promotion.external_link_url,
        label=_("Link"),
        excerpt=excerpt([promotion.description], terms),
        is_promoted=True,
    )


def suggested_pages(locale):
    """Pages to suggest when a search finds nothing: (link text, page), where they exist."""
    suggestions = []
    for model_label, text in SUGGESTED_PAGE_TYPES:
        try:
            model = apps.get_model(model_label)
        except LookupError:
            continue
        page = public(model.objects.live().filter(locale=locale)).first()
        if page is not None:
            suggestions.append((text, page))
    return suggestions
