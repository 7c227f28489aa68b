"""Translatable snippets that group pages: blog categories, resource topics, partners."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from caching.lookups import remember


class Term(TranslatableMixin, models.Model):
    """A translatable name that groups pages, with the slug that addresses its listing."""

    name = models.CharField(max_length=80, help_text=_("The name readers see."))
    slug = models.SlugField(
        max_length=80,
        help_text=_(
            "The name as it appears in web addresses: lowercase, with hyphens between words."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("locale", "slug")]

    def __str__(self):
        return self.name


class Category(Term):
    """What kind of post a blog post is: Blog, Press release, Campaign update."""

    class Meta(Term.Meta):
        verbose_name = _("blog category")
        verbose_name_plural = _("blog categories")


class Topic(Term):
    """What a report, toolkit or guide is about: Know your rights, Surveillance, Detention."""

    class Meta(Term.Meta):
        verbose_name = _("resource topic")
        verbose_name_plural = _("resource topics")


class Partner(TranslatableMixin, models.Model):
    """An organization a report, toolkit or guide was made with."""

    name = models.CharField(
        max_length=200,
        help_text=_(
            "The organization's full name, e.g. “National Immigration Project of the "
            "National Lawyers Guild”."
        ),
    )
    website = models.URLField(blank=True, help_text=_("Its website, linked from its name."))

    panels = [FieldPanel("name"), FieldPanel("website")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("partner organization")
        verbose_name_plural = _("partner organizations")

    def __str__(self):
        return self.name


def terms_in_locale(model, locale_id):
    """Every `model` snippet in the locale `locale_id` by translation key, remembered until
    content changes (caching.lookups): there are a few dozen, and every page shows some."""
    return remember(
        ("terms", model, locale_id),
        lambda: {item.translation_key: item for item in model.objects.filter(locale_id=locale_id)},
    )


def localized_terms(pages, relation, locale_id):
    """Each page's translatable snippets in `relation`, in the locale `locale_id`, by page id.

    Translated pages may link to the snippets their source page links to, so the version of
    each in that locale is shown; untranslated snippets stay as they are. Expects
    `relation` prefetched.
    """
    by_page = {page.pk: list(getattr(page, relation).all()) for page in pages}
    translations = {}
    if any(by_page.values()):
        model = type(pages[0])._meta.get_field(relation).related_model
        translations = terms_in_locale(model, locale_id)
    return {
        pk: sorted((translations.get(item.translation_key, item) for item in items), key=str)
        for pk, items in by_page.items()
    }
