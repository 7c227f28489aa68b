from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content building: the builder the apps' demo modules share."""

    name = "demo"
    verbose_name = "Demo content building"
