"""Real Chromium against Hub as visitors get it: nginx ending TLS in front of gunicorn with
production settings, Redis, and the page cache on.

The stack runs in its own processes on 127.0.0.1, on a database of its own (a fresh
SQLite file, or a fresh PostgreSQL database when DATABASE_URL points at PostgreSQL),
set up the way `make run` sets it up. nginx terminates TLS with a certificate made for
the run and passes the request on as the README's Deployment section says (Host,
X-Forwarded-Proto, X-Forwarded-For). Chromium is Debian's, launched so that it can reach
nothing but this machine. Screenshots of each step go to test-output/browser/.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

from hub import web_process
from tests.environment import (
    PRODUCTION_ENVIRONMENT,
    REDIS_TEST_URL,
    forget_redis_keys,
    require_redis,
    wait_for_port,
)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.*, EXCLUDE [::1]",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-output" / "browser"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ADMIN_USERNAME = "browser-admin"
ADMIN_PASSWORD = "browser-admin-password"

NGINX_CONFIG = """
{user}
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {directory}/nginx-body;
    proxy_temp_path {directory}/nginx-proxy;
    fastcgi_temp_path {directory}/nginx-fastcgi;
    uwsgi_temp_path {directory}/nginx-uwsgi;
    scgi_temp_path {directory}/nginx-scgi;
    client_max_body_size 60m;
    server {{
        listen 127.0.0.1:{tls_port} ssl;
        ssl_certificate {directory}/tls.crt;
        ssl_certificate_key {directory}/tls.key;
        # Pictures straight from MEDIA_ROOT; documents go through Hub (README, Deployment).
        location /media/images/ {{
            alias {media}/images/;
        }}
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_database_url(directory):
    """A database for the server alone, of the same engine as the suite's."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{directory / 'browser.sqlite3'}", None
    import psycopg2

    name = f"hub_browser_{os.getpid()}"
    parts = urlparse(url)
    admin = psycopg2.connect(
        dbname="postgres",
        user=parts.username,
        password=parts.password,
        host=parts.hostname,
        port=parts.port,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return parts._replace(path=f"/{name}").geturl(), drop


# What `make serve` runs before gunicorn, and what `make run` adds: the demo and an admin.
SETUP_COMMANDS = [
    ["collectstatic", "--no-input"],
    ["migrate", "--no-input"],
    ["load_demo_content"],
    ["create_local_admin"],
]


def tls_certificate(directory):
    """A self-signed certificate for 127.0.0.1, made for this run."""
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", directory / "tls.key", "-out", directory / "tls.crt",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip


class SiteStack:
    """The processes of the stack (gunicorn, the background worker, nginx), their
    environment and their logs."""

    def __init__(self, directory):
        self.directory = directory
        self.app_port, self.tls_port = free_port(), free_port()
        self.base_url = f"https://127.0.0.1:{self.tls_port}"
        self.redis_prefix = f"hub-browser-{uuid.uuid4().hex[:8]}"
        self.database_url, self.drop_database = server_database_url(directory)
        self.processes = []
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
            **PRODUCTION_ENVIRONMENT,
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": self.base_url,
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
            "TRUSTED_PROXY_COUNT": "1",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": REDIS_TEST_URL,
            "REDIS_KEY_PREFIX": self.redis_prefix,
            "MEDIA_ROOT": str(directory / "media"),
            "STATIC_ROOT": str(directory / "static"),
            "ADMIN_LOGIN_FILE": str(directory / "admin-login"),
            "ADMIN_USERNAME": ADMIN_USERNAME,
            "ADMIN_PASSWORD": ADMIN_PASSWORD,
            # The worker prints the email it delivers into worker.log.
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            # Every journey signs from 127.0.0.1.
            "PETITION_RATE_LIMIT": "1000/600",
            "PORT": str(self.app_port),
            "WEB_CONCURRENCY": "2",
            "PYTHONUNBUFFERED": "1",
        }

    def log(self, name):
        return (self.directory / f"{name}.log").open("w")

    def manage(self, *command):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            env=self.env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode:
            pytest.fail(f"manage.py {' '.join(command)} failed:\n{done.stderr}")
        return done.stdout

    def start(self, name, command, port):
        process = web_process.start(self.env, output=self.log(name), command=command)
        self.processes.append(process)
        try:
            wait_for_port(port, process, timeout=60)
        except (RuntimeError, TimeoutError) as error:
            pytest.fail(f"{name} did not start ({error}):\n{self.logs()}")

    def wait_for_log(self, name, text, timeout):
        """Whether `text` shows in the process `name`'s log within `timeout` seconds."""
        path = self.directory / f"{name}.log"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in path.read_text(errors="replace"):
                return True
            time.sleep(0.25)
        return False

    def logs(self):
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-4000:]}"
            for path in sorted(self.directory.glob("*.log"))
        )

    def up(self):
        for command in SETUP_COMMANDS:
            self.manage(*command)
        self.start("gunicorn", web_process.COMMAND, self.app_port)
        self.processes.append(
            web_process.start(
                self.env, output=self.log("worker"), command=web_process.WORKER_COMMAND
            )
        )
        tls_certificate(self.directory)
        config = self.directory / "nginx.conf"
        config.write_text(
            NGINX_CONFIG.format(
                # As root, nginx's workers would otherwise run as nobody, who cannot read
                # this run's private folder.
                user="user root;" if os.geteuid() == 0 else "",
                directory=self.directory,
                tls_port=self.tls_port,
                app_port=self.app_port,
                media=self.env["MEDIA_ROOT"],
            )
        )
        self.start("nginx", [NGINX, "-c", config, "-g", "daemon off;"], self.tls_port)

    def down(self):
        for process in reversed(self.processes):
            web_process.stop(process)
        forget_redis_keys(self.redis_prefix)
        if self.drop_database:
            self.drop_database()


@pytest.fixture(scope="session")
def site_stack():
    """Hub behind nginx with the demo content and an admin account; its processes and logs."""
    for path, fix in ((CHROMIUM, "chromium"), (NGINX, "nginx")):
        if not Path(path).exists():
            pytest.fail(f"{path} is missing: run `make browser-deps` (Debian's {fix}).")
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make browser-deps` (npm ci).")
    require_redis()
    directory = Path(tempfile.mkdtemp(prefix="hub-browser-"))
    stack = SiteStack(directory)
    try:
        stack.up()
        yield stack
    finally:
        stack.down()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def site_server(site_stack):
    """Base URL (https) of the Hub the browser tests visit."""
    return site_stack.base_url


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_tab(chromium, site_server):
    """Open a browser tab in a context of its own: new_tab(viewport=..., **context options)."""
    contexts = []

    def open_tab(**options):
        # The certificate is made for the run, so no browser trusts it.
        context = chromium.new_context(base_url=site_server, ignore_https_errors=True, **options)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def phone(new_tab):
    """A phone-sized browser tab, its base_url set to the server."""
    return new_tab(viewport=PHONE, is_mobile=True)


@pytest.fixture
def desktop(new_tab):
    """A laptop-sized browser tab."""
    return new_tab(viewport=DESKTOP)


@pytest.fixture
def screenshot(request):
    """Save a screenshot of a step: screenshot(page, "step-name"), the whole page by default."""
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def take(page, step, full_page=True):
        path = folder / f"{next(counter):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)

    return take


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core in the page; return the violations of the given impacts.

    axe is evaluated over the DevTools protocol rather than added as a <script>, so the
    site's Content-Security-Policy (which refuses inline scripts) stays in force.
    """
    page.evaluate(f"() => {{ {AXE_SCRIPT.read_text()}\n }}")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def log_in(page):
    """Sign in to the admin as the stack's admin account."""
    page.goto("/admin/")
    page.get_by_label("Username").fill(ADMIN_USERNAME)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def revisit_until(page, path, shows, within):
    """Open `path` again and again until `shows(page)` holds, for at most `within` seconds.

    For what the site promises within a bounded time rather than at once (a new
    signature on a cached petition page); returns how long it took.
    """
    started = time.monotonic()
    while True:
        page.goto(path)
        if shows(page):
            return time.monotonic() - started
        assert time.monotonic() - started < within, f"{path} did not change within {within} s"
        page.wait_for_timeout(250)


def signature_count(html):
    """The petition count a page shows, from its data-signature-count attribute."""
    return int(re.search(r'data-signature-count="(\d+)"', html).group(1))
