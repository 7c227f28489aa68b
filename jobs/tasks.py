"""The scheduled jobs that keep Wagtail and the queue itself in order
(settings.SCHEDULED_JOBS says when each runs). Each can run again at once harmlessly."""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from jobs.models import ScheduledRun, WorkerHeartbeat


@task()
def publish_scheduled_pages():
    """Wagtail's scheduled publishing: pages and snippets whose go-live moment has come
    go live, those whose expiry has passed go offline (each with its own signals, so
    the page cache starts a new generation and the CDN is purged)."""
    call_command("publish_scheduled", verbosity=0)


@task()
def trim_search_query_log():
    """Wagtail's search-promotion query log: daily hit counts older than
    WAGTAILSEARCH_HITS_MAX_AGE days are deleted, and queries left with none."""
    call_command("searchpromotions_garbage_collect", verbosity=0)


@task()
def prune_finished_jobs():
    """Finished jobs are kept JOB_RESULT_DAYS days (they may hold an email address
    in their arguments), then deleted, with old schedule claims and heartbeats."""
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=settings.JOB_RESULT_DAYS,
        verbosity=0,
    )
    cutoff = timezone.now() - timedelta(days=settings.JOB_RESULT_DAYS)
    ScheduledRun.objects.filter(due_at__lt=cutoff).delete()
    WorkerHeartbeat.objects.filter(last_seen__lt=cutoff).delete()
