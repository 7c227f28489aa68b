"""Where each English page stands in Spanish: missing, in progress, up to date or out of date.

Everything is computed in the database, as annotations on a page queryset, so a
listing of thousands of pages costs the same few queries as a listing of five:

- missing: no Spanish page (an alias does not count: it is not a translation).
- out of date: the English content changed after the translation source was last
  synced ("Sync translated pages"), i.e. the English page was published, or, while
  it is a draft, saved, after the source's `last_updated_at`.
- in progress: a Spanish page exists but what visitors see is not the finished
  translation: it is unpublished, has untranslated segments, or has translated or
  synced changes made after its last publication.
- up to date: published, every segment translated, nothing newer to publish.
"""

from urllib.parse import urlencode

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home.languages import TRANSLATION_LANGUAGE

MISSING = "missing"
IN_PROGRESS = "in_progress"
UP_TO_DATE = "up_to_date"
OUT_OF_DATE = "out_of_date"

STATES = [
    (MISSING, _("Missing")),
    (IN_PROGRESS, _("In progress")),
    (OUT_OF_DATE, _("Out of date")),
    (UP_TO_DATE, _("Up to date")),
]


def aggregate(queryset, function, field):
    """A correlated subquery applying the SQL aggregate `function` to `field` over `queryset`."""
    return Subquery(
        queryset.order_by().annotate(result=Func(F(field), function=function)).values("result")
    )


def count(queryset):
    return Coalesce(aggregate(queryset, "COUNT", "pk"), 0, output_field=IntegerField())


def with_translation_status(pages, locale):
    """Annotate `pages` (in the source language) with their translation into `locale`.

    Adds `translation_state` (one of STATES), `target_page_id`, `source_id`,
    `translation_enabled`, `total_segments` and `translated_segments`.
    """
    same_object = {"object_id": OuterRef("translation_key"), "locale_id": OuterRef("locale_id")}
    source = TranslationSource.objects.filter(**same_object)
    translation = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"),
        source__locale_id=OuterRef("locale_id"),
        target_locale=locale,
    )
    target = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale=locale, alias_of__isnull=True
    )
    segments = StringSegment.objects.filter(
        source__object_id=OuterRef("translation_key"), source__locale_id=OuterRef("locale_id")
    )
    translated_segments = segments.filter(
        Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale=locale,
                has_error=False,
            )
        )
    )
    string_translations = StringTranslation.objects.filter(
        context__object_id=OuterRef("translation_key"), locale=locale
    )

    pages = pages.annotate(
        source_id=Subquery(source.values("pk")[:1]),
        source_synced_at=Subquery(source.values("last_updated_at")[:1]),
        translation_enabled=Subquery(translation.values("enabled")[:1]),
        target_page_id=Subquery(target.values("pk")[:1]),
        target_live=Subquery(target.values("live")[:1]),
        target_published_at=Subquery(target.values("last_published_at")[:1]),
        total_segments=count(segments),
        translated_segments=count(translated_segments),
        strings_changed_at=aggregate(string_translations, "MAX", "updated_at"),
        # What "Sync translated pages" would read: a live page's row changes when it is
        # published; a draft's row changes on every save.
        content_changed_at=Case(
            When(live=True, then=Coalesce("last_published_at", "latest_revision_created_at")),
            default=Coalesce("latest_revision_created_at", "last_published_at"),
        ),
    )
    return pages.annotate(
        translation_state=Case(
            When(target_page_id__isnull=True, then=Value(MISSING)),
            When(source_synced_at__lt=F("content_changed_at"), then=Value(OUT_OF_DATE)),
            When(
                Q(target_live=False)
                | Q(target_published_at__isnull=True)
                | Q(translation_enabled=True, translated_segments__lt=F("total_segments"))
                | Q(target_published_at__lt=F("strings_changed_at"))
                | Q(target_published_at__lt=F("source_synced_at")),
                then=Value(IN_PROGRESS),
            ),
            default=Value(UP_TO_DATE),
            output_field=CharField(),
        )
    )


def state_counts(pages):
    """How many of the annotated `pages` are in each state, in one query."""
    counts = pages.order_by().aggregate(
        **{state: Count("pk", filter=Q(translation_state=state)) for state, _label in STATES}
    )
    return [(state, label, counts[state]) for state, label in STATES]


def translated_percent(page):
    """The share of segments translated, for a page annotated by with_translation_status."""
    if page.translation_state == MISSING or not page.translation_enabled:
        return None
    if not page.total_segments:
        return 100
    return page.translated_segments * 100 // page.total_segments


def next_step(page, next_url):
    """The label and admin URL of the action that moves an annotated page's translation on.

    Missing: start a translation. Out of date: sync it with the English page. In
    progress or up to date: open the translation editor.
    """
    if page.translation_state == MISSING:
        url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        return _("Translate"), f"{url}?select_locale={TRANSLATION_LANGUAGE}"
    if page.translation_state == OUT_OF_DATE and page.translation_enabled:
        url = reverse("wagtail_localize:update_translations", args=[page.source_id])
        return _("Sync"), f"{url}?{urlencode({'next': next_url})}"
    return _("Edit translation"), reverse("wagtailadmin_pages:edit", args=[page.target_page_id])
