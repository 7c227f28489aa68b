"""Which changes make cached pages stale (see caching.page_cache)."""

from functools import cache

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.snippets.models import get_snippet_models

from caching.page_cache import invalidate_all


def on_page_change(sender, **kwargs):
    invalidate_all()


@cache
def shown_on_pages(model):
    """Whether saving or deleting an instance of `model` can change what a page shows.

    Pages themselves change what visitors see when published, unpublished, moved or
    deleted (their signals), not when a draft is saved. Image renditions are made while
    pages render, so they must not count. A view restriction makes pages private.
    """
    if issubclass(model, (AbstractImage, AbstractDocument)):
        return True
    return model in (Site, Locale, PageViewRestriction) or model in get_snippet_models()


def on_model_change(sender, instance, **kwargs):
    if isinstance(instance, Page):
        # A deleted page leaves every listing (post_delete has no "created"); a page
        # created live (from code: the admin creates drafts and publishes) joins them.
        if "created" not in kwargs or (kwargs["created"] and instance.live):
            invalidate_all()
        return
    if shown_on_pages(sender):
        invalidate_all()
