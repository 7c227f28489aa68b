"""The petitions' scheduled job (settings.SCHEDULED_JOBS)."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.log_actions import log

from caching.page_cache import invalidate_all
from petitions.models import PetitionPage, Status


@task()
def close_petitions_past_deadline():
    """Close every open petition whose deadline has passed, in both languages.

    A page already shows a passed deadline as closed when it renders; closing it here
    makes that last: the status is stored (and shown in the admin's listings and
    history), cached pages start a new generation and the CDN's copies of both
    translations are purged. Running it again finds nothing more to do.
    """
    with transaction.atomic():
        due = list(
            PetitionPage.objects.select_for_update().filter(
                status=Status.OPEN, deadline__lte=timezone.now()
            )
        )
        if not due:
            return 0
        PetitionPage.objects.filter(pk__in=[page.pk for page in due]).update(status=Status.CLOSED)
        for page in due:
            log(page, "petitions.closed_at_deadline", user=None)
    invalidate_all()
    purge_pages_from_cache(due)
    return len(due)
