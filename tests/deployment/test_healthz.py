"""/healthz, the load balancer's question: can this node reach the database and the cache?"""

import pytest
from django.db import OperationalError, connection

from tests.environment import free_port

pytestmark = pytest.mark.django_db


def test_healthy_node_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_health_is_never_cached(client):
    assert "no-store" in client.get("/healthz")["Cache-Control"]


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
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unreachable"}


def test_unreachable_database_makes_the_node_unavailable(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
