"""The project's Redis cache backend (caching.redis.RedisCache), against a real Redis."""

import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from caching.redis import RedisCache
from tests.environment import REDIS_TEST_URL, forget_redis_keys, require_redis


@pytest.fixture
def redis_cache():
    require_redis()
    prefix = f"hub-test-{uuid.uuid4().hex[:8]}"
    backend = {
        "BACKEND": "caching.redis.RedisCache",
        "LOCATION": REDIS_TEST_URL,
        "KEY_PREFIX": prefix,
    }
    with override_settings(CACHES={"default": backend}):
        yield caches["default"], prefix
    forget_redis_keys(prefix)


def test_values_round_trip_through_redis_under_the_sites_prefix(redis_cache):
    cache, prefix = redis_cache
    assert isinstance(cache, RedisCache)
    cache.set("greeting", {"en": "Hello", "es": "Hola"}, timeout=60)
    cache.set_many({"first": 1, "second": 2}, timeout=60)
    assert cache.get("greeting") == {"en": "Hello", "es": "Hola"}
    assert cache.get_many(["first", "second", "third"]) == {"first": 1, "second": 2}
    assert cache.incr("first") == 2
    cache.delete("second")
    assert cache.get("second") is None

    stored = {key.decode() for key in redis.Redis.from_url(REDIS_TEST_URL).keys(f"{prefix}:*")}
    assert stored == {f"{prefix}:1:greeting", f"{prefix}:1:first"}


def test_every_command_reuses_one_client_per_connection_pool(redis_cache):
    cache, _prefix = redis_cache
    client = cache._cache.get_client("key", write=True)
    cache.set("key", "value")
    cache.get("key")
    assert cache._cache.get_client("key", write=True) is client
    assert cache._cache.get_client("key") is client  # one server: reads share the pool
