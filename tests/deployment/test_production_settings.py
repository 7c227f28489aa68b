"""hub.settings.production: HTTPS only, its values from the environment, and a clean
`manage.py check --deploy` with the environment the README documents."""

import json
import subprocess
import sys

from django.conf import settings

from tests.environment import PRODUCTION_ENVIRONMENT, clean_environment, settings_value


def production_value(expression, **env):
    environment = {**PRODUCTION_ENVIRONMENT, **env}
    result = settings_value("production", expression, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing_with_the_documented_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean_environment(**PRODUCTION_ENVIRONMENT),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_sends_hsts_for_a_year_and_redirects_to_https_by_default():
    assert production_value(
        "[s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD,"
        " s.SECURE_SSL_REDIRECT]"
    ) == [31_536_000, True, True, True]


def test_hsts_and_the_https_redirect_follow_the_environment():
    assert production_value(
        "[s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD,"
        " s.SECURE_SSL_REDIRECT]",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="false",
        SECURE_SSL_REDIRECT="false",
    ) == [3600, False, False, False]


def test_cookies_travel_only_over_https_and_out_of_reach_of_scripts():
    assert production_value(
        "[s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_SECURE]"
    ) == [True, True, True, True, True]


def test_proxy_ssl_header_and_trusted_origins_come_from_the_environment():
    assert production_value(
        "[s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS]",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https",
        CSRF_TRUSTED_ORIGINS="https://hub.example.org,https://www.hub.example.org",
    ) == [
        ["HTTP_X_FORWARDED_PROTO", "https"],
        ["https://hub.example.org", "https://www.hub.example.org"],
    ]


def test_a_malformed_proxy_ssl_header_stops_the_start():
    result = settings_value(
        "production", "1", **PRODUCTION_ENVIRONMENT, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto"
    )
    assert result.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER must look like" in result.stderr


def test_without_a_proxy_header_the_request_scheme_is_trusted_as_is():
    assert production_value("getattr(s, 'SECURE_PROXY_SSL_HEADER', None)") is None


def test_database_connections_are_reused_and_checked_before_reuse():
    database = production_value(
        "s.DATABASES['default']",
        DATABASE_URL="postgres://hub@db.internal:5432/hub",
        CONN_MAX_AGE="60",
    )
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)


def test_with_redis_sessions_are_shared_by_every_node():
    assert (
        production_value("s.SESSION_ENGINE", REDIS_URL="redis://127.0.0.1:6379/7")
        == "django.contrib.sessions.backends.cached_db"
    )
    assert production_value("getattr(s, 'SESSION_ENGINE', 'database')") == "database"
