"""The test suite: fast hashing, an isolated cache and media folder, no outside services."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Jobs run at once, inside the code that queues them, and email lands in mail.outbox;
# tests of the queue and the worker (tests/jobs) switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# No worker runs beside the test client; the tests of the worker check turn it on.
WORKER_STALE_SECONDS = 0
MEDIA_ROOT = tempfile.mkdtemp(prefix="hub-test-media-")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests of the page cache switch it on for themselves (tests/test_page_cache.py).
PAGE_CACHE_SECONDS = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's in-memory default, so tests see the WAL journal and the
    # locking behaviour the site runs with.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(MEDIA_ROOT) / "test-db.sqlite3")}  # noqa: F405
WHITENOISE_USE_FINDERS = True
