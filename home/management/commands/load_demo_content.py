"""Build the whole demo site, in English and Spanish, from home/demo_content/ (home.demo_site).

Idempotent: a second run finds everything in place and changes nothing. --reset
deletes the demo pages, snippets, images and files first and builds them again.
"""

import logging
from collections import Counter
from contextlib import contextmanager, nullcontext

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from home.demo_site import COLLECTION, DemoSite
from home.models import ExternalLinkNotice, Footer, Header
from resources.models import Category, Partner


@contextmanager
def quiet(logger_name):
    """Hide a logger's INFO lines, such as Wagtail's line for every page created and published."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def by_language(queryset):
    counts = Counter(queryset.values_list("locale__language_code", flat=True))
    return f"{counts['en']} English, {counts['es']} Spanish"


class Command(BaseCommand):
    help = "Create the demo site in English and Spanish (idempotent; --reset rebuilds it)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete and rebuild the demo.")

    def handle(self, *args, reset=False, verbosity=1, **options):
        with quiet("wagtail") if verbosity < 2 else nullcontext(), transaction.atomic():
            demo = DemoSite()
            if reset:
                demo.reset()
            demo.build()
        if demo.missing_links:
            self.stdout.write(
                "Left out links to missing pages: " + ", ".join(sorted(demo.missing_links))
            )
        self.stdout.write(self.summary())

    def summary(self):
        counts = Counter(
            Page.objects.filter(depth__gt=1).values_list("content_type", "locale__language_code")
        )
        labels = {
            content_type: ContentType.objects.get_for_id(content_type).model_class()._meta.label
            for content_type, _language in counts
        }
        lines = ["Demo content ready:"]
        for content_type, label in sorted(labels.items(), key=lambda item: item[1]):
            english, spanish = counts[content_type, "en"], counts[content_type, "es"]
            lines.append(f"  {label}: {english} English, {spanish} Spanish")
        for model in (Header, Footer, ExternalLinkNotice, Category, Partner):
            lines.append(f"  {model._meta.label}: {by_language(model.objects.all())}")
        images = get_image_model().objects.filter(collection__name=COLLECTION).count()
        documents = get_document_model().objects.filter(collection__name=COLLECTION).count()
        lines.append(f"  images: {images}, documents: {documents}")
        return "\n".join(lines)
