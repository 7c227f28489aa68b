"""The queue's state, as /healthz and the admin report show it."""

from django.conf import settings
from django.db.models import Max, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.models import WorkerHeartbeat


def queue_state():
    """Jobs waiting (due now), the oldest one's age, and the last worker heartbeat's age,
    in seconds (None when there is none), and whether a worker was seen recently enough
    (WORKER_STALE_SECONDS; 0 turns the check off)."""
    now = timezone.now()
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.aggregate(oldest=Min("enqueued_at"))["oldest"]
    last_seen = WorkerHeartbeat.objects.aggregate(last=Max("last_seen"))["last"]
    heartbeat_age = (now - last_seen).total_seconds() if last_seen else None
    stale_after = settings.WORKER_STALE_SECONDS
    return {
        "waiting": waiting.count(),
        "oldest_waiting_seconds": round((now - oldest).total_seconds()) if oldest else None,
        "last_heartbeat_seconds": round(heartbeat_age) if heartbeat_age is not None else None,
        "worker": (
            "ok"
            if not stale_after or (heartbeat_age is not None and heartbeat_age <= stale_after)
            else "not seen"
        ),
    }
