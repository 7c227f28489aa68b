"""Which objects each language's search backend indexes."""

from django.conf import settings
from wagtail.models import Locale, TranslatableMixin


def configured_backends():
    return getattr(settings, "WAGTAILSEARCH_BACKENDS", {})


class LanguageBackendMixin:
    """A search backend that indexes only the objects in its LANGUAGE.

    Without a LANGUAGE it indexes everything, as Wagtail's own backends do.
    """

    def __init__(self, params):
        super().__init__(params)
        self.language = params.get("LANGUAGE")

    def own(self, model, objs):
        """The objects among `objs` that belong in this backend's index."""
        objs = list(objs)
        if self.language is None:
            return objs
        claimed = {params.get("LANGUAGE") for params in configured_backends().values()}
        if not issubclass(model, TranslatableMixin):
            return objs if self.language == settings.LANGUAGE_CODE else []
        codes = dict(Locale.objects.values_list("pk", "language_code"))

        def language(obj):
            code = codes.get(obj.locale_id)
            return code if code in claimed else settings.LANGUAGE_CODE

        return [obj for obj in objs if language(obj) == self.language]


class LanguageIndexMixin:
    """An index that leaves out the objects that belong to another language's backend."""

    def add_items(self, model, objs):
        """Index the objects this backend owns, and return them."""
        objs = self.backend.own(model, objs)
        super().add_items(model, objs)
        return objs
