"""Real Chromium against a real Hub server with the demo content.

The server runs in its own process on 127.0.0.1, on a database of its own (a fresh
SQLite file, or a fresh PostgreSQL database when DATABASE_URL points at PostgreSQL),
set up the way `make run` sets it up, plus what the journeys need that the demo lacks
(tests/browser/journey_content.py). Chromium is Debian's, launched so that it can
reach nothing but this machine. Screenshots of each step go to test-output/browser/.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.management import get_commands

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
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


def setup_commands():
    """What `make run` does, plus the content the journeys need that the demo lacks."""
    commands = [["migrate", "--no-input"], ["load_demo_content"]]
    if "load_demo_petitions" in get_commands():  # until load_demo_content builds petitions
        commands.append(["load_demo_petitions"])
    return [
        *commands,
        ["shell", "--command", "from tests.browser.journey_content import build; build()"],
        # Again, so the menu and the featured pages link to the pages built since.
        ["load_demo_content"],
        ["create_local_admin"],
    ]


@pytest.fixture(scope="session")
def site_server():
    """Base URL of a Hub server with the demo content and an admin account."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (Debian's chromium).")
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make browser-deps` (npm ci).")
    directory = Path(tempfile.mkdtemp(prefix="hub-browser-"))
    database_url, drop_database = server_database_url(directory)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(directory / "media"),
        "ADMIN_USERNAME": ADMIN_USERNAME,
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    for command in setup_commands():
        done = subprocess.run(manage + command, env=env, cwd=settings.BASE_DIR, capture_output=True)
        if done.returncode:
            pytest.fail(f"manage.py {' '.join(command)} failed:\n{done.stderr.decode()}")
    log = (directory / "server.log").open("w")
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            # Our own http URL, never a file or another scheme.
            urllib.request.urlopen(f"{base_url}/en/", timeout=2)  # nosec B310
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"Hub server did not start:\n{(directory / 'server.log').read_text()}")
            time.sleep(0.3)
    yield base_url
    server.terminate()
    server.wait(timeout=10)
    log.close()
    if drop_database:
        drop_database()


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
        context = chromium.new_context(base_url=site_server, **options)
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


def signature_count(html):
    """The petition count a page shows, from its data-signature-count attribute."""
    return int(re.search(r'data-signature-count="(\d+)"', html).group(1))
