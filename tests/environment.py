"""Running the project in a separate process, with the environment a deployment gives it."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from contextlib import closing
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import redis
from django.conf import settings
from django.db import connection

from hub import web_process
from tests.services import require

# Variables that would leak the developer's own configuration into a clean process.
DEPLOYMENT_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "AWS_STORAGE_BUCKET_NAME",
    "FRONTEND_CACHE_PURGE_URL",
    "ADMIN_ALLOWED_NETWORKS",
    "TRUSTED_PROXY_COUNT",
    "PORT",
    "BIND",
    "REDIS_KEY_PREFIX",
    "PETITION_RATE_LIMIT",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "WORKER_STALE_SECONDS",
}

# The smallest production environment the README documents.
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "hub.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "hub.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://hub.example.org",
}


def clean_environment(**env):
    """This process's environment without deployment variables, plus `env`."""
    environment = {
        key: value for key, value in os.environ.items() if key not in DEPLOYMENT_VARIABLES
    }
    return {**environment, **env}


def settings_value(module, expression, **env):
    """Evaluate `expression` against a settings module loaded in a clean process."""
    code = (
        "import importlib, json; "
        f"s = importlib.import_module('hub.settings.{module}'); "
        f"print(json.dumps({expression}, default=str))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def shared_database_url():
    """DATABASE_URL of the database the tests run on, for another process to share it."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    return (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def free_port():
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    """Wait until something listens on 127.0.0.1:port, failing early if `process` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the process exited with {process.returncode} before listening")
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {timeout} s")


# Redis for tests that run app processes: database 8, each test under a prefix of its own.
REDIS_TEST_URL = "redis://127.0.0.1:6379/8"


def redis_available():
    try:
        return redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


def require_redis():
    """Skip (fail in CI) unless the Redis the app processes share is running."""
    require(redis_available(), f"needs Redis at {REDIS_TEST_URL} (.ci/run starts it)")


def forget_redis_keys(prefix):
    client = redis.Redis.from_url(REDIS_TEST_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


class Browser:
    """Requests to one app process over plain HTTP, with cookies, as if through a
    TLS-terminating load balancer when `https` is set (which also passes on the
    visitor's `address` in X-Forwarded-For, when given)."""

    def __init__(self, port, https=False, address=None):
        self.port = port
        self.https = https
        self.address = address
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.https:
            headers["X-Forwarded-Proto"] = "https"
        if self.address:
            headers["X-Forwarded-For"] = self.address
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode(errors="replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def form_token(self, path):
        """The CSRF token of the form on the page at `path`."""
        status, _, html = self.request("GET", path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]

    def submit(self, path, fields, token):
        """Post `fields` with a form's CSRF token, as the browser that showed the form would."""
        body = urlencode({**fields, "csrfmiddlewaretoken": token})
        return self.request("POST", path, body, {"Referer": f"https://127.0.0.1{path}"})

    def sign_in(self, username, password):
        token = self.form_token("/admin/login/")
        status, _, _ = self.submit(
            "/admin/login/", {"username": username, "password": password}, token
        )
        return status


def start(command, port, **env):
    process = web_process.start(
        clean_environment(**{**PRODUCTION_ENVIRONMENT, **env}), command=command
    )
    try:
        wait_for_port(port, process, timeout=120)
    except Exception:
        stop(process)
        raise
    return process


stop = web_process.stop


def gunicorn(port, **env):
    return start(
        web_process.COMMAND,
        port,
        PORT=str(port),
        WEB_CONCURRENCY="1",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=shared_database_url(),
        **env,
    )


def worker(**env):
    """A background worker (manage.py run_worker) with production settings on the test
    database; stop it with stop(), which returns what it printed."""
    return web_process.start(
        clean_environment(
            **{**PRODUCTION_ENVIRONMENT, "DATABASE_URL": shared_database_url(), **env}
        ),
        command=web_process.WORKER_COMMAND,
    )


class AppProcesses:
    """Several gunicorn app processes, as separate web nodes behind one load balancer:
    production settings, the test database, TLS ended by the balancer, and one Redis
    under a key prefix of their own (a test using them needs Redis: tests.services).

    Use as a context manager; `ports` lists the processes' ports, and `output`, once
    they have stopped, holds everything they printed.
    """

    def __init__(self, count=2, **env):
        require_redis()
        self.count = count
        self.redis_prefix = f"hub-test-{uuid.uuid4().hex[:8]}"
        shared = {
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
            "REDIS_URL": REDIS_TEST_URL,
            "REDIS_KEY_PREFIX": self.redis_prefix,
        }
        self.env = {**shared, **env}
        self.processes = []
        self.ports = []
        self.output = ""

    def __enter__(self):
        try:
            for _ in range(self.count):
                port = free_port()
                self.processes.append(gunicorn(port, **self.env))
                self.ports.append(port)
        except Exception:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info):
        self.output = "".join(stop(process) for process in self.processes)
        forget_redis_keys(self.redis_prefix)
