from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminRegistrationConfig(AppConfig):
    """How the apps put their reports and per-language snippets into Wagtail's admin."""

    name = "admin_registration"
    verbose_name = _("Admin registration")
