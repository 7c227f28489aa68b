"""A petition's status, and the queries that list petitions with their counts."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from wagtail.query import PageQuerySet

from petitions.counting import signature_counts
from petitions.signatures import Signature


class Status(models.TextChoices):
    OPEN = "open", pgettext_lazy("petition status", "Open")
    WON = "won", pgettext_lazy("petition status", "Won")
    CLOSED = "closed", pgettext_lazy("petition status", "Closed")


class PetitionPageQuerySet(PageQuerySet):
    def open(self):
        """Petitions still taking signatures: open, and before their deadline if they have one."""
        return self.filter(status=Status.OPEN).filter(
            Q(deadline__isnull=True) | Q(deadline__gt=timezone.now())
        )

    def with_signature_counts(self):
        """Annotate each petition's exact signature_count in the same query, not one query
        each. Public pages use the cached counts instead (with_cached_signature_counts)."""
        signatures = (
            Signature.objects.filter(petition_key=OuterRef("translation_key"))
            .order_by()
            .values("petition_key")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(
            signature_count=Coalesce(Subquery(signatures), Value(0))
            + F("signatures_collected_elsewhere")
        )

    def with_cached_signature_counts(self):
        """A list of the petitions, each with its signature_count from signature_counts()."""
        pages = list(self)
        counts = signature_counts({page.translation_key for page in pages})
        for page in pages:
            page.signature_count = (
                counts[page.translation_key] + page.signatures_collected_elsewhere
            )
        return pages

    def one_per_petition(self):
        """A list with one page per petition: the one in the default language where it exists."""
        pages = {}
        for page in self.select_related("locale"):
            key = page.translation_key
            if key not in pages or page.locale.language_code == settings.LANGUAGE_CODE:
                pages[key] = page
        return list(pages.values())

    def in_display_order(self):
        """Open petitions first, then won, then closed; the newest first within each."""
        state_rank = Case(
            When(status=Status.WON, then=Value(1)),
            When(status=Status.CLOSED, then=Value(2)),
            When(deadline__lte=timezone.now(), then=Value(2)),
            default=Value(0),
        )
        return self.annotate(state_rank=state_rank).order_by(
            "state_rank", F("first_published_at").desc(nulls_last=True), "pk"
        )
