from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content building: the builder the apps' demo modules share.

    Each content app builds its own part of the demo (home/demo.py, resources/demo.py,
    petitions/demo.py) from its own demo_content/; `manage.py load_demo_content` (hub)
    runs them in order.
    """

    name = "demo"
    verbose_name = "Demo content building"
