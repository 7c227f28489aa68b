"""Build the whole demo site, in English and Spanish: each app builds its part (its demo.py
from its demo_content/) with the builder they share (demo.builder), in the order below.

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

from demo.builder import COLLECTION, DemoBuilder
from home.demo import HomeDemo
from petitions.demo import PetitionsDemo
from resources.demo import ResourcesDemo


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


def build(builder, reset=False):
    """Every app's part of the demo, in an order where each step finds what it needs."""
    home, resources, petitions = HomeDemo(builder), ResourcesDemo(builder), PetitionsDemo(builder)
    if reset:
        petitions.reset()  # the signatures, while their petitions are there to name them
        home.reset()  # every page under the home page, and the site chrome
        resources.reset()
        builder.reset()  # the images and files
    home.build_snippets()
    resources.build(home.page)
    petitions.build(home.page)
    home.build_pages()
    # Every English page exists now, so every link between them resolves.
    builder.publish_new_pages()
    # The Spanish home page is the parent of every Spanish page.
    home.build_home()
    builder.translate_new_pages()
    # The menu links the pages of both languages.
    home.build_header()
    return (home, resources, petitions)


class Command(BaseCommand):
    help = "Create the demo site in English and Spanish (idempotent; --reset rebuilds it)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete and rebuild the demo.")

    def handle(self, *args, reset=False, verbosity=1, **options):
        with quiet("wagtail") if verbosity < 2 else nullcontext(), transaction.atomic():
            builder = DemoBuilder()
            demos = build(builder, reset=reset)
        if builder.missing_links:
            self.stdout.write(
                "Left out links to missing pages: " + ", ".join(sorted(builder.missing_links))
            )
        self.stdout.write(self.summary(demos))

    def summary(self, demos):
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
        for model in (model for demo in demos for model in demo.snippets):
            lines.append(f"  {model._meta.label}: {by_language(model.objects.all())}")
        images = get_image_model().objects.filter(collection__name=COLLECTION).count()
        documents = get_document_model().objects.filter(collection__name=COLLECTION).count()
        lines.append(f"  images: {images}, documents: {documents}")
        return "\n".join(lines)
