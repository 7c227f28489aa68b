"""One Wagtail database search backend per language, sharing Wagtail's index table.

Wagtail keeps one index row per object, keyed by (content type, object id). Two
backends that each indexed every object would overwrite each other's rows, the last
one's text search configuration winning. So each backend indexes only the objects in
its own LANGUAGE, with its own SEARCH_CONFIG (English stemming for English pages,
Spanish for Spanish ones), and a search goes to the backend of the reader's language.
The backend of the default language (LANGUAGE_CODE) also indexes what has no language
(images, documents) or a language no backend claims.

    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends", "LANGUAGE": "en", "SEARCH_CONFIG": "english"},
        "spanish": {"BACKEND": "search.backends", "LANGUAGE": "es", "SEARCH_CONFIG": "spanish"},
    }

On SQLite the same split applies; SQLite has no stemming, and its full-text index
already ignores accents.
"""

from django.db import connection
from wagtail.search.models import IndexEntry

from .languages import configured_backends


def SearchBackend(params):
    """The backend for the database in use, as Wagtail's own database backend chooses."""
    if connection.vendor == "postgresql":
        from .postgres import PostgresLanguageSearchBackend

        return PostgresLanguageSearchBackend(params)

    from .sqlite import SQLiteLanguageSearchBackend

    return SQLiteLanguageSearchBackend(params)


def backend_for_language(language_code):
    """The name of the search backend that indexes pages in this language."""
    for name, params in configured_backends().items():
        if params.get("LANGUAGE") == language_code:
            return name
    return "default"


def indexed_texts(pages):
    """The plain text each page was indexed with, title excluded, keyed by page id.

    One query for all the pages, so a page of results never costs a query per result.
    """
    # PostgreSQL keeps the text beside its search vector; SQLite indexes the text itself.
    column = "body_text" if connection.vendor == "postgresql" else "body"
    entries = IndexEntry.objects.filter(
        content_type_id__in={page.content_type_id for page in pages},
        object_id__in=[str(page.pk) for page in pages],
    ).values_list("content_type_id", "object_id", column)
    texts = {(content_type, object_id): text for content_type, object_id, text in entries}
    return {page.pk: texts.get((page.content_type_id, str(page.pk))) or "" for page in pages}
