"""Per-language backends on SQLite: Wagtail's SQLite full-text backend, split by language.

Built on the private SQLiteIndex and SQLiteSearchBackend of Wagtail 8.0.1;
tests/search/test_relevance.py fails if they stop finding pages per language.
"""

from wagtail.search.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend

from .languages import LanguageBackendMixin, LanguageIndexMixin


class SQLiteLanguageIndex(LanguageIndexMixin, SQLiteIndex):
    pass


class SQLiteLanguageSearchBackend(LanguageBackendMixin, SQLiteSearchBackend):
    index_class = SQLiteLanguageIndex
