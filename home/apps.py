from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site chrome"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from home.external_links import forget_noticed_domains
        from home.models import ExternalLinkNotice

        for signal in (post_save, post_delete):
            signal.connect(forget_noticed_domains, sender=ExternalLinkNotice)

        from home import aliases, roles  # noqa: F401  (signal receivers)

        aliases.hide_sync_from_option()
