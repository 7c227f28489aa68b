"""The admin listing every per-language snippet gets: its language shown and filterable."""

from wagtail.snippets.views.snippets import SnippetViewSet


class LocaleSnippetViewSet(SnippetViewSet):
    """A snippet that exists once per language (a TranslatableMixin model): its list shows
    each item's language and filters by it. Subclasses that list other columns keep
    "locale" last in their list_display."""

    list_display = ["__str__", "locale"]
    list_filter = ["locale"]
