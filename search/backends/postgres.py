"""Per-language backends on PostgreSQL, with accents that do not matter.

Stemming needs the accents: PostgreSQL's Spanish stemmer turns "deportación" and
"deportaciones" into the same stem only when the accent is there, so unaccenting the
text before stemming (an `unaccent, spanish_stem` text search configuration) would
break the match between them. Instead each index row keeps the stems of its text as
written and, in addition, the stems of its accented words written without accents, so
"deportacion" and "peticion" typed on a phone find "deportación" and "petición" too.
The `unaccent` extension comes from this app's first migration.

Built on the private classes of Wagtail's PostgreSQL backend (PostgresIndex, IndexEntry,
get_weight), checked against Wagtail 8.0.1: tests/search/test_language_matching.py
fails if they stop indexing or matching the way this module extends them.
"""

from wagtail.search.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
)
from wagtail.search.backends.database.postgres.weights import get_weight
from wagtail.search.index import SearchField
from wagtail.search.utils import get_content_type_pk

from .languages import LanguageBackendMixin, LanguageIndexMixin

NON_ASCII = r"[^\x01-\x7f]"


def unaccented_words(column):
    """SQL for the words of a text column that hold a non-ASCII letter, without accents."""
    # `column` is one of this module's own column names, never input.
    return (
        "unaccent(array_to_string(ARRAY("  # nosec B608
        rf"SELECT m[1] FROM regexp_matches({column}, '(\S*{NON_ASCII}\S*)', 'g') AS m"
        "), ' '))"
    )


CONFIG = "COALESCE(%(config)s::regconfig, get_current_ts_config())"


class PostgresLanguageIndex(LanguageIndexMixin, PostgresIndex):
    def add_items(self, model, objs):
        objs = super().add_items(model, objs)
        if objs:
            self.add_unaccented_stems(model, objs)

    def add_unaccented_stems(self, model, objs):
        title_boost = next(
            (
                field.boost
                for field in model.get_search_fields()
                if isinstance(field, SearchField) and field.field_name == "title"
            ),
            None,
        )
        title_words = unaccented_words("title_text")
        body_words = unaccented_words("body_text")
        with self.write_connection.cursor() as cursor:
            # Only constants are formatted into the SQL; values are parameters.
            table = IndexEntry._meta.db_table
            sql = (
                f"UPDATE {table} SET "  # nosec B608
                f"title = title || setweight(to_tsvector({CONFIG}, {title_words}), %(weight)s), "
                f"body = body || to_tsvector({CONFIG}, {body_words}), "
                "title_norm = 1.0 "
                "WHERE content_type_id = %(content_type)s AND object_id = ANY(%(ids)s) "
                f"AND (title_text || body_text) ~ '{NON_ASCII}'"
            )
            cursor.execute(
                sql,
                {
                    "config": self.backend.config,
                    "weight": get_weight(title_boost),
                    "content_type": get_content_type_pk(model),
                    "ids": [str(obj.pk) for obj in objs],
                },
            )
            changed = cursor.rowcount
        if changed:
            # A title's length in words sets its weight against the body: count again.
            self._refresh_title_norms()


class PostgresLanguageSearchBackend(LanguageBackendMixin, PostgresSearchBackend):
    index_class = PostgresLanguageIndex
