"""Retrying a failed job later, with a growing delay, a limited number of times.

The attempt that failed stays in the queue's table as failed, with its error; the next
attempt is a new job, due after the delay, carrying `attempt=n + 1`. The last attempt's
failure is final and stays for staff to see (and retry by hand) in the admin.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone


def retry_delay(attempt):
    """Seconds before attempt `attempt + 1`: JOB_RETRY_BASE_SECONDS, times 4 per attempt."""
    return settings.JOB_RETRY_BASE_SECONDS * 4 ** (attempt - 1)


def queue_retry(task, attempt, **kwargs):
    """Queue `task` again for its next attempt, unless `attempt` was the last.

    Returns whether a retry was queued (never on a backend that cannot wait, such as
    the tests' immediate one)."""
    if attempt >= settings.JOB_ATTEMPTS or not task.get_backend().supports_defer:
        return False
    run_after = timezone.now() + timedelta(seconds=retry_delay(attempt))
    task.using(run_after=run_after).enqueue(**kwargs, attempt=attempt + 1)
    return True
