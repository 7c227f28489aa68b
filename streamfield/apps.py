from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StreamFieldConfig(AppConfig):
    """The StreamField blocks every page type builds its body from, and their templates."""

    name = "streamfield"
    verbose_name = _("Page blocks")
