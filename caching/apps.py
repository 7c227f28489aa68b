from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """The anonymous page cache and the per-process lookups, and what makes them stale."""

    name = "caching"
    verbose_name = _("Caching")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from caching import invalidation

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidation.on_page_change, dispatch_uid=f"page-cache-{signal}")
        post_save.connect(invalidation.on_model_change, dispatch_uid="page-cache-save")
        post_delete.connect(invalidation.on_model_change, dispatch_uid="page-cache-delete")
