from django.apps import AppConfig


class HubConfig(AppConfig):
    """The project itself: settings, URLs, middleware and project-wide views and templates."""

    name = "hub"
    verbose_name = "Hub"
