"""The schedule the worker keeps: settings.SCHEDULED_JOBS, run by APScheduler.

Each worker process runs the schedule in a thread beside its job loop. When a job is
due, every worker tries to record that moment's run (ScheduledRun, unique per job and
moment); the one whose insert succeeds queues the job, in the same transaction, and the
job itself runs once, in whichever worker takes it from the queue. So the schedule
keeps going while any worker runs, and two workers never run one moment's job twice.

A schedule is a crontab line in UTC ("* * * * *": every minute), or six fields with
seconds first ("*/5 * * * * *": every five seconds; the tests use it).
"""

import logging
from datetime import UTC

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from jobs.models import ScheduledRun, WorkerHeartbeat

logger = logging.getLogger(__name__)


def trigger(schedule):
    """An APScheduler trigger, and how finely its moments are told apart (seconds)."""
    fields = schedule.split()
    if len(fields) == 5:
        return CronTrigger.from_crontab(schedule, timezone=UTC), 60
    if len(fields) == 6:
        second, minute, hour, day, month, day_of_week = fields
        return CronTrigger(
            second=second,
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=day_of_week,
            timezone=UTC,
        ), 1
    raise ValueError(f"Not a schedule: {schedule!r} (five crontab fields, or six with seconds)")


def due_moment(resolution):
    """The moment of the schedule now due: now, to the minute or to the nearest second
    (each worker's scheduler fires within milliseconds of the moment)."""
    now = timezone.now()
    if resolution == 60:
        return now.replace(second=0, microsecond=0)
    rounded = now.replace(microsecond=0)
    return rounded if now.microsecond < 500_000 else rounded + timezone.timedelta(seconds=1)


def queue_if_unclaimed(job, task_path, resolution, worker_id):
    """Queue `job` for the moment now due, unless another worker already has."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(
                job=job, due_at=due_moment(resolution), claimed_by=worker_id
            )
            import_string(task_path).enqueue()
        return True
    except IntegrityError:
        return False


def beat(worker_id):
    """Record that this worker is alive (read by /healthz and the admin report)."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"last_seen": timezone.now()}
    )


def with_fresh_connection(function):
    """`function` as the scheduler's thread runs it: like a request, it drops a database
    connection that broke or aged out before and after (the thread keeps its own)."""

    def run(*args):
        close_old_connections()
        try:
            return function(*args)
        finally:
            close_old_connections()

    return run


def start(worker_id):
    """Start the schedule and the heartbeat in a background thread; returns the scheduler."""
    scheduler = BackgroundScheduler(
        timezone=UTC,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30},
    )
    for job, entry in settings.SCHEDULED_JOBS.items():
        job_trigger, resolution = trigger(entry["schedule"])
        scheduler.add_job(
            with_fresh_connection(queue_if_unclaimed),
            job_trigger,
            args=[job, entry["task"], resolution, worker_id],
            id=job,
            name=job,
        )
    scheduler.add_job(
        beat,
        "interval",
        seconds=settings.WORKER_HEARTBEAT_SECONDS,
        args=[worker_id],
        id="heartbeat",
    )
    beat(worker_id)
    scheduler.start()
    logger.info("Worker %s keeps the schedule: %s", worker_id, ", ".join(settings.SCHEDULED_JOBS))
    return scheduler
