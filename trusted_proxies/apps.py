from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustedProxiesConfig(AppConfig):
    """The visitor's address, read through the proxies the site trusts."""

    name = "trusted_proxies"
    verbose_name = _("Trusted proxies")
