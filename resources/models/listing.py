"""What the blog and the library share: the card each page shows, and the newest first."""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model, get_image_model_string

from caching.lookups import public


class ListingCardMixin(models.Model):
    """The date and picture a page shows at its top and on its card in listings."""

    # The card's picture in three widths, for its srcset (templates/includes/card_image.html).
    CARD_IMAGES = ("fill-320x180", "fill-640x360", "fill-960x540")

    publication_date = models.DateField(
        default=timezone.localdate,
        help_text=_("The date readers see. Listings show the newest first."),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and on its card in listings."),
    )
    image_alt = models.CharField(
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the image for people who can't see it. "
            "Leave blank to use the image's own description."
        ),
    )

    class Meta:
        abstract = True

    @property
    def image_alt_text(self):
        return self.image_alt or (self.image.default_alt_text if self.image else "")

    @classmethod
    def newest_under(cls, parent):
        """The live, public pages of this type under `parent`, newest first."""
        return public(cls.objects.child_of(parent).live()).order_by(
            "-publication_date", "-first_published_at", "-pk"
        )

    @classmethod
    def with_card_images(cls, queryset):
        """`queryset` with each page's image and its card renditions fetched up front."""
        renditions = get_image_model().objects.prefetch_renditions(*cls.CARD_IMAGES)
        return queryset.prefetch_related(Prefetch("image", queryset=renditions))
