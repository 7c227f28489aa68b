"""Per-language backends on SQLite: Wagtail's SQLite full-text backend, split by language."""

from wagtail.search.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend

from .languages import LanguageBackendMixin, LanguageIndexMixin


class SQLiteLanguageIndex(LanguageIndexMixin, SQLiteIndex):
    pass


class SQLiteLanguageSearchBackend(LanguageBackendMixin, SQLiteSearchBackend):
    index_class = SQLiteLanguageIndex
