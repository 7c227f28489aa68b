"""Django's Redis cache backend, with one redis-py client per connection pool.

Django's client builds a new redis.Redis for every command, and redis-py registers a few
hundred response callbacks each time it builds one: that cost as much as a page served
from the cache spends in Redis itself. A redis.Redis takes a connection from its pool
for each command and may be shared by threads, so one per pool serves every command.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
