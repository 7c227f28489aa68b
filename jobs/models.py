"""What the worker processes record beside the queue itself (django_tasks_db's table)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per worker process, touched every few seconds while it runs."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return self.worker_id


class ScheduledRun(models.Model):
    """A scheduled job's run for one moment of its schedule, claimed by the one worker
    whose insert succeeded: with several workers running the schedule, each moment's
    job is queued once."""

    job = models.CharField(_("job"), max_length=64)
    due_at = models.DateTimeField(_("due at"))
    claimed_by = models.CharField(_("claimed by"), max_length=64)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="one_run_per_scheduled_moment")
        ]

    def __str__(self):
        return f"{self.job} {self.due_at:%Y-%m-%d %H:%M:%S}"
