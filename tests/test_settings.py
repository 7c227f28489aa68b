"""Configuration read from the environment, and SQLite set up for a web server."""

import json
import subprocess
import sys
import threading
import uuid

import pytest
from django.conf import settings as django_settings
from django.db import close_old_connections, connection

from home.models import Header
from tests.environment import (
    REDIS_TEST_URL,
    clean_environment,
    forget_redis_keys,
    require_redis,
    settings_value,
)


def test_sqlite_is_the_default_database():
    result = settings_value("dev", "s.DATABASES['default']['ENGINE']")
    assert result.stdout.strip() == '"django.db.backends.sqlite3"'


def test_database_url_selects_postgresql():
    result = settings_value(
        "dev",
        "s.DATABASES['default']['ENGINE']",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/hub",
    )
    assert result.stdout.strip() == '"django.db.backends.postgresql"'


def cache_in_two_processes(**env):
    """What a second web process finds in the cache after a first one has stored a value."""
    code = (
        "import sys, django; django.setup(); from django.core.cache import cache; "
        "cache.set('shared-greeting', 'hola', 60) if sys.argv[1] == 'store' "
        "else print(cache.get('shared-greeting'))"
    )
    results = [
        subprocess.run(
            [sys.executable, "-c", code, step],
            env=clean_environment(DJANGO_SETTINGS_MODULE="hub.settings.dev", **env),
            capture_output=True,
            text=True,
            cwd=django_settings.BASE_DIR,
            timeout=60,
        )
        for step in ("store", "read")
    ]
    for result in results:
        assert result.returncode == 0, result.stderr
    return results[1].stdout.strip()


def test_redis_url_gives_every_process_one_shared_cache():
    require_redis()
    prefix = f"hub-test-{uuid.uuid4().hex[:8]}"
    try:
        assert cache_in_two_processes(REDIS_URL=REDIS_TEST_URL, REDIS_KEY_PREFIX=prefix) == "hola"
    finally:
        forget_redis_keys(prefix)


def test_without_redis_url_each_process_keeps_its_own_cache():
    assert cache_in_two_processes() == "None"


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "hub.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = settings_value("production", "s.DEBUG", **env)
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def test_production_reads_debug_hosts_and_key_from_the_environment():
    result = settings_value(
        "production",
        "[s.DEBUG, s.ALLOWED_HOSTS, s.SECRET_KEY]",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="hub.example.org, www.hub.example.org",
        DEBUG="true",
    )
    assert (
        result.stdout.strip()
        == f'[false, ["hub.example.org", "www.hub.example.org"], "{"k" * 50}"]'
    )


# The developer's own machine translation settings, blanked.
NO_MACHINE_TRANSLATION = {
    "DEEPL_API_KEY": "",
    "LIBRETRANSLATE_URL": "",
    "LIBRETRANSLATE_API_KEY": "",
}


def test_machine_translation_is_off_unless_a_service_is_configured():
    result = settings_value(
        "dev", "getattr(s, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None)", **NO_MACHINE_TRANSLATION
    )
    assert result.stdout.strip() == "null"


def test_deepl_api_key_turns_on_deepl_in_the_informal_register():
    result = settings_value(
        "dev",
        "s.WAGTAILLOCALIZE_MACHINE_TRANSLATOR",
        **{**NO_MACHINE_TRANSLATION, "DEEPL_API_KEY": "k:fx"},
    )
    config = json.loads(result.stdout)
    assert config["CLASS"] == "wagtail_localize.machine_translators.deepl.DeepLTranslator"
    assert config["OPTIONS"] == {"AUTH_KEY": "k:fx", "FORMALITY": "prefer_less"}


def test_libretranslate_url_turns_on_libretranslate():
    result = settings_value(
        "dev",
        "s.WAGTAILLOCALIZE_MACHINE_TRANSLATOR",
        **{
            **NO_MACHINE_TRANSLATION,
            "LIBRETRANSLATE_URL": "http://127.0.0.1:5000/",
            "LIBRETRANSLATE_API_KEY": "secret",
        },
    )
    config = json.loads(result.stdout)
    assert config["CLASS"] == (
        "wagtail_localize.machine_translators.libretranslate.LibreTranslator"
    )
    assert config["OPTIONS"] == {"LIBRETRANSLATE_URL": "http://127.0.0.1:5000", "API_KEY": "secret"}


def test_dev_settings_have_a_secret_key_of_their_own():
    result = settings_value("dev", "bool(s.SECRET_KEY)")
    assert result.stdout.strip() == "true"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite journal settings only")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sqlite_uses_a_write_ahead_log_and_waits_for_locks():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite locking only")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_writers_at_once_do_not_fail_with_database_locked(english):
    errors = []
    barrier = threading.Barrier(8)

    def write(number):
        try:
            barrier.wait()
            for step in range(5):
                Header.objects.create(site_name=f"writer {number}.{step}", locale=english)
        except Exception as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Header.objects.count() == 40
