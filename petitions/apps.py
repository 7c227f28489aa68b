from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from wagtail.signals import page_published

        from petitions.models import PetitionPage, share_published_petition_state
        from petitions.throttle import parse_rate

        parse_rate(settings.PETITION_RATE_LIMIT)  # a typo stops the site starting, not signing
        page_published.connect(share_published_petition_state, sender=PetitionPage)
