from django.apps import AppConfig


class HubConfig(AppConfig):
    """Project-wide pieces that belong to no one domain: shared blocks and the page cache."""

    name = "hub"
    verbose_name = "Hub"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from hub import page_cache_invalidation

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(
                page_cache_invalidation.on_page_change, dispatch_uid=f"page-cache-{signal}"
            )
        post_save.connect(page_cache_invalidation.on_model_change, dispatch_uid="page-cache-save")
        post_delete.connect(
            page_cache_invalidation.on_model_change, dispatch_uid="page-cache-delete"
        )
