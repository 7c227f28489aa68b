"""Views of the project itself rather than of a content app."""

import logging
import math
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from jobs.health import queue_state

logger = logging.getLogger(__name__)


def database_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database is unreachable")
        return False


def cache_reachable():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        reachable = cache.get(key) == "ok"
        cache.delete(key)
        return reachable
    except Exception:
        logger.exception("Health check: the cache is unreachable")
        return False


def node_checks():
    return {
        "database": "ok" if database_reachable() else "unreachable",
        "cache": "ok" if cache_reachable() else "unreachable",
    }


def health_response(checks, healthy):
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


@never_cache
@require_safe
def node_health(request):
    """For load balancers: 200 when this node reaches the database and the cache, else 503."""
    checks = node_checks()
    return health_response(checks, all(state == "ok" for state in checks.values()))


@never_cache
@require_safe
def healthz(request):
    """For monitoring: this node's checks and the background jobs (how many wait, the
    oldest one's age, the last worker heartbeat); 503 when either fails, including when
    no worker has been seen for WORKER_STALE_SECONDS."""
    checks = node_checks()
    healthy = all(state == "ok" for state in checks.values())
    if checks["database"] == "ok":
        checks["jobs"] = queue_state()
        healthy = healthy and checks["jobs"]["worker"] == "ok"
    return health_response(checks, healthy)


def login_locked_out(request, original_response=None, credentials=None):
    """What django-axes shows (429) once an address has failed to sign in too often."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(request, "hub/login_locked_out.html", {"minutes": minutes}, status=429)
