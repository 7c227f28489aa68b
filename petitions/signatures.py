"""A signature: one person, one petition, in the language they signed in.

Keyed on the petition's translation_key, shared by its pages in every language, so one
count covers both. Registered with the app through petitions.models.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Signature(models.Model):
    """One person's signature on one petition, in the language they signed in."""

    petition_key = models.UUIDField(
        _("petition"),
        editable=False,
        help_text=_("The translation key shared by the petition's pages in every language."),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    postal_code = models.CharField(_("ZIP code"), max_length=10)
    opt_in = models.BooleanField(_("wants updates"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("signed at"), default=timezone.now, db_index=True)
    ip_hash = models.CharField(
        _("IP address hash"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("A salted hash of the signer's IP address, to spot floods from one place."),
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition_key", "email"], name="one_signature_per_email_per_petition"
            )
        ]

    def __str__(self):
        # Kept free of personal data: Wagtail's audit log keeps this label after a
        # signer's data is deleted on their request.
        return str(_("Signature %(number)s") % {"number": self.pk})

    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    full_name.short_description = _("name")
    full_name.admin_order_field = "last_name"
