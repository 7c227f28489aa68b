from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """Outgoing email: every message leaves through the background queue, with retries."""

    name = "mail"
    verbose_name = _("Email")
