from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    """Listings split into pages, with the pagination links every listing shows."""

    name = "listings"
    verbose_name = _("Listings")
