"""/healthz/node, the load balancer's question: can this node reach the database and the
cache? And /healthz, monitoring's: that, and are the background jobs being done?"""

from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from jobs.models import WorkerHeartbeat
from jobs.tasks import trim_search_query_log
from tests.environment import free_port
from tests.queue import DATABASE_QUEUE

pytestmark = pytest.mark.django_db


def test_healthy_node_answers_ok(client):
    response = client.get("/healthz/node")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_health_reports_the_queue_and_the_last_worker_heartbeat(client, settings):
    settings.TASKS = DATABASE_QUEUE
    settings.WORKER_STALE_SECONDS = 120
    WorkerHeartbeat.objects.create(
        worker_id="worker-1", last_seen=timezone.now() - timedelta(seconds=30)
    )
    trim_search_query_log.enqueue()
    trim_search_query_log.enqueue()
    response = client.get("/healthz")
    assert response.status_code == 200
    jobs = response.json()["jobs"]
    assert jobs["waiting"] == 2
    assert 0 <= jobs["oldest_waiting_seconds"] < 60
    assert 30 <= jobs["last_heartbeat_seconds"] < 90
    assert jobs["worker"] == "ok"


@pytest.mark.parametrize("last_seen", [None, 121])
def test_no_recent_worker_makes_health_unavailable_but_not_the_node(client, settings, last_seen):
    settings.WORKER_STALE_SECONDS = 120
    if last_seen:
        WorkerHeartbeat.objects.create(
            worker_id="worker-1", last_seen=timezone.now() - timedelta(seconds=last_seen)
        )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["jobs"]["worker"] == "not seen"
    # The load balancer keeps sending visitors: the web node itself is fine.
    assert client.get("/healthz/node").status_code == 200


def test_health_is_never_cached(client):
    assert "no-store" in client.get("/healthz")["Cache-Control"]
    assert "no-store" in client.get("/healthz/node")["Cache-Control"]


def test_health_is_neither_translated_nor_redirected_to_a_language(client):
    english = client.get("/healthz", headers={"accept-language": "en"})
    client.cookies["django_language"] = "es"
    spanish = client.get("/healthz", headers={"accept-language": "es"})
    assert spanish.status_code == english.status_code == 200
    assert spanish.content == english.content
    assert "django_language" not in spanish.cookies


def test_unreachable_cache_makes_the_node_unavailable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens here.
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get("/healthz/node")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unreachable"}
    assert client.get("/healthz").status_code == 503


def test_unreachable_database_makes_the_node_unavailable(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    for url in ("/healthz", "/healthz/node"):
        response = client.get(url)
        assert response.status_code == 503
        assert response.json()["database"] == "unreachable"
