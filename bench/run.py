"""`make bench`: serve a large dataset with production settings and measure it with wrk.

1. Builds the dataset on PostgreSQL (bench/dataset.py), or reuses it when it is there
   with the right counts.
2. Counts the database queries of each page once, with Django's test client.
3. Starts two gunicorn servers with hub/gunicorn.py and production settings on
   127.0.0.1, one with the page cache off (uncached) and one with it on (cached).
4. Runs wrk against each page for a fixed time, and against the framework floor
   (a trivial view on the same server: bench/urls.py).
5. Signs the viral petition from 32 concurrent connections twice, with a local SMTP sink
   (aiosmtpd, in this process) and one worker (`manage.py run_worker`) running: on the
   uncached server, whose signers get no confirmation email (email off), then on a third
   server that queues one per signature (email on), which the worker delivers to the
   sink; each after 2 s of signing to warm up. Then it waits (at most
   BENCH_DRAIN_SECONDS) until the worker has delivered every queued email, and checks
   that the signatures stored equal the signing responses and that each stored
   signature got exactly one email (none lost, none duplicated), by address.
6. Prints one table, the signing and email checks, the CPU each signing run used (per
   signature, by process: bench/cpu.py), then each target of the README's performance
   section, met or missed. Exits non-zero on any signature or email lost or duplicated.

Everything targets 127.0.0.1 only. Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL,
BENCH_PORT (three ports from it; the sink takes a free one), BENCH_SECONDS (per
measurement, default 8), BENCH_DRAIN_SECONDS (default 120).
"""

import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench import cpu
from hub import web_process

BASE_DIR = Path(__file__).resolve().parent.parent
WRK_DIR = Path(__file__).resolve().parent / "wrk"
OUTPUT_DIR = BASE_DIR / ".bench"
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8140"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
# How long the worker may take, after the signing with email on, to deliver every email.
DRAIN_SECONDS = int(os.environ.get("BENCH_DRAIN_SECONDS", "120"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hub_bench")
# Page requests: enough connections to keep every worker busy, few enough that the
# latencies are the pages' own rather than time spent queueing.
PAGE_CONNECTIONS = 8
SIGNERS = 32
# The search latency target is a reader's wait, not a queue's: search is also measured
# one request at a time, under this name.
SEARCH_ALONE = "search, one at a time"
SIGNING_OFF = "signing, email off"
SIGNING_ON = "signing, email on"
# Each signing run is preceded by this much signing (not measured), its run id starting
# with this (never a measured run's: theirs are hexadecimal).
WARM_UP_SECONDS = 2
WARM_UP_RUN = "warm"
SIGNER = {"first_name": "Ana", "last_name": "Bench", "postal_code": "85007"}

ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DATABASE_URL": DATABASE_URL,
    "CONN_MAX_AGE": "60",
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": HOST,
    # Plain HTTP on the loopback interface: no redirect to HTTPS.
    "SECURE_SSL_REDIRECT": "false",
    "MEDIA_ROOT": str(OUTPUT_DIR / "media"),
    # Every signer comes from 127.0.0.1: the limit is raised here, never by trusting a header.
    "PETITION_RATE_LIMIT": "1000000000/3600",
    # Signers get no confirmation email, except on the server that measures it (email on).
    "PETITION_CONFIRMATION_EMAIL": "false",
    # Where the worker delivers queued email: the benchmark's own SMTP sink (EMAIL_PORT is
    # set when it starts).
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": HOST,
    "LOG_LEVEL": "WARNING",
}


@dataclass
class Result:
    requests: int = 0
    seconds: float = 0
    p50: float = 0
    p99: float = 0
    errors: int = 0
    refused: int = 0
    answered: dict = None

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0


def log(message):
    print(message, flush=True)


@contextmanager
def maintenance_cursor():
    """A cursor on the server's `postgres` database, outside transactions, and the name of
    the benchmark's own database."""
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres"
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            yield cursor, parts.path.lstrip("/")
    finally:
        admin.close()


def ensure_database():
    with maintenance_cursor() as (cursor, name):
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')


def recreate_database():
    from django.db import connections

    connections.close_all()
    with maintenance_cursor() as (cursor, name):
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')


def prepare():
    """Database, static files and dataset; returns the URLs to measure."""
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    from bench import dataset

    call_command("migrate", verbosity=0)
    if not dataset.is_built():
        log("Building the dataset (once; later runs reuse it)")
        if not dataset.is_empty():
            recreate_database()
            call_command("migrate", verbosity=0)
        shutil.rmtree(ENVIRONMENT["MEDIA_ROOT"], ignore_errors=True)
        dataset.build(log)
    # A bulk load leaves PostgreSQL's planner statistics behind until autovacuum gets to
    # them (it guessed 1 English page instead of 5,754, and searched 5 times slower): a
    # live site's tables have been analysed long since.
    log("Analysing the tables")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log("Collecting static files")
    call_command("collectstatic", interactive=False, verbosity=0)
    forget_earlier_runs()
    return urls()


def forget_earlier_runs():
    """Signatures from earlier runs out, an empty queue and page cache: every run starts
    alike, and the worker delivers only this run's email."""
    from django.core.cache import cache
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from jobs.models import ScheduledRun, WorkerHeartbeat

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM petitions_signature WHERE email NOT LIKE 'signer-%%'")
    DBTaskResult.objects.all().delete()
    ScheduledRun.objects.all().delete()
    WorkerHeartbeat.objects.all().delete()
    cache.clear()


def urls():
    from wagtail.models import Locale

    from bench.dataset import SEARCH_WORD
    from petitions.models import PetitionPage
    from resources.models import BlogIndexPage, BlogPage, ReportPage

    english = Locale.objects.get(language_code="en")
    blog = BlogIndexPage.objects.get(locale=english).url
    return {
        "home": "/en/",
        "blog index, page 1": blog,
        "blog index, page 500": f"{blog}?page=500",
        "category archive": f"{blog}category/press-release/",
        "blog post": BlogPage.objects.filter(locale=english).order_by("-pk").first().url,
        "report": ReportPage.objects.filter(locale=english).order_by("pk").first().url,
        "petition index": PetitionPage.objects.filter(locale=english).first().get_parent().url,
        "petition": PetitionPage.objects.get(locale=english, goal=100_000).url,
        "search": f"/en/search/?q={SEARCH_WORD}",
    }


def count_queries(pages):
    """Queries per page view: uncached (the second view, as on a running site) and cached."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    def queries(client, method, path, **data):
        with CaptureQueriesContext(connection) as captured:
            response = getattr(client, method)(path, data, HTTP_HOST=HOST)
        assert response.status_code in (200, 303), (path, response.status_code)
        return len(captured)

    counts = {}
    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=0):
        for name, path in pages.items():
            queries(client, "get", path)
            counts[(name, False)] = queries(client, "get", path)
        for name, email_on in ((SIGNING_OFF, False), (SIGNING_ON, True)):
            with override_settings(PETITION_CONFIRMATION_EMAIL=email_on):
                email = f"queries-{int(email_on)}@bench.example.org"
                counts[(name, False)] = queries(
                    client, "post", pages["petition"], **SIGNER, email=email
                )
    with override_settings(PAGE_CACHE_SECONDS=300):
        for name, path in pages.items():
            queries(client, "get", path)
            counts[(name, True)] = queries(client, "get", path)
    return counts


def start_server(port, page_cache_seconds, **settings):
    environment = {**os.environ, **ENVIRONMENT, **settings}
    environment.update(PORT=str(port), PAGE_CACHE_SECONDS=str(page_cache_seconds))
    log_file = open(OUTPUT_DIR / f"gunicorn-{port}.log", "w")  # noqa: SIM115
    process = web_process.start(environment, output=log_file)
    for _ in range(120):
        try:
            get(port, "/bench/floor", timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    web_process.stop(process)
    raise SystemExit(f"gunicorn did not start on port {port}: see {log_file.name}")


def get(port, path, timeout):
    """GET a page from the server under test (always on HOST, 127.0.0.1), reading it whole."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        connection.getresponse().read()
    finally:
        connection.close()


def warm_up(port, path, times=20):
    """Every worker renders the page (and its image renditions) before it is measured."""
    for _ in range(times):
        get(port, path, timeout=60)


RESULT_LINE = re.compile(r"^BENCH (.*)$", re.MULTILINE)


def wrk(port, path, script, connections, *args, threads=2, seconds=SECONDS):
    command = [
        "wrk",
        "--threads",
        str(threads),
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        str(WRK_DIR / script),
        f"http://{HOST}:{port}{path}",
        "--",
        path,
        *args,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    values = dict(item.split("=") for item in RESULT_LINE.search(output).group(1).split())
    return Result(
        requests=int(values["requests"]),
        seconds=int(values["duration_us"]) / 1e6,
        p50=int(values["p50_us"]) / 1000,
        p99=int(values["p99_us"]) / 1000,
        errors=int(values["errors"]),
        refused=int(values.get("refused", 0)),
        answered={
            int(signer): int(count)
            for signer, count in (item.split(":") for item in values["signers"].split(","))
        }
        if "signers" in values
        else None,
    )


class Sink:
    """A local SMTP server (aiosmtpd's Controller, a thread of this process) that keeps,
    for each message it receives, when it came and to whom."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = []  # (time.monotonic(), recipient), one per recipient

    async def handle_DATA(self, server, session, envelope):
        now = time.monotonic()
        with self.lock:
            self.received.extend((now, recipient) for recipient in envelope.rcpt_tos)
        return "250 Message accepted for delivery"

    def to(self, prefix):
        """(time, recipient) of each message received for an address starting with `prefix`."""
        with self.lock:
            return [(at, address) for at, address in self.received if address.startswith(prefix)]


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_sink():
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname=HOST, port=free_port())
    controller.start()
    try:
        yield sink, controller.port
    finally:
        controller.stop()


@contextmanager
def worker(port):
    """One worker (`manage.py run_worker`) with the servers' environment, delivering to
    the sink on `port`; stopped as the servers are (SIGTERM), and it must exit cleanly.
    Yields a dict with its process id, and its exit code once it has stopped."""
    from jobs.models import WorkerHeartbeat

    worker_id = f"bench-{secrets.token_hex(4)}"
    environment = {**os.environ, **ENVIRONMENT, "EMAIL_PORT": str(port)}
    command = [sys.executable, "manage.py", "run_worker", "--worker-id", worker_id]
    log_file = open(OUTPUT_DIR / "worker.log", "w")  # noqa: SIM115
    process = web_process.start(environment, output=log_file, command=command)
    stopped = {"pid": process.pid}
    try:
        for _ in range(120):
            if WorkerHeartbeat.objects.filter(worker_id=worker_id).exists():
                break
            if process.poll() is not None:
                raise SystemExit(f"The worker stopped at once: see {log_file.name}")
            time.sleep(0.5)
        else:
            raise SystemExit(f"The worker did not start: see {log_file.name}")
        yield stopped
    finally:
        web_process.stop(process)
        stopped["exit_code"] = process.returncode


def pending_email():
    """Emails queued and not yet delivered (or being delivered, or waiting to retry)."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path="mail.tasks.deliver_email",
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).count()


def failed_deliveries():
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path="mail.tasks.deliver_email", status=TaskResultStatus.FAILED
    ).count()


def stored_addresses(run_id):
    from petitions.models import Signature

    return list(
        Signature.objects.filter(email__startswith=f"wrk-{run_id}-").values_list("email", flat=True)
    )


def wait_for_delivery(sink, run_id):
    """Wait, at most DRAIN_SECONDS, until the queue holds no email and every signature
    stored in the run `run_id` has had one; returns whether that happened."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline:
        # In this order: a signature is stored before its email is queued, and the sink
        # has the email before the worker marks its job done.
        stored = set(stored_addresses(run_id))
        received = {address for _, address in sink.to(f"wrk-{run_id}-")}
        if not pending_email() and stored <= received:
            return True
        time.sleep(0.25)
    return False


def cpu_groups(server, worker_pid):
    """The processes whose CPU the signing runs account for (bench.cpu)."""
    return {
        "web server": lambda pid, name, group: group == server.pid,
        "PostgreSQL": lambda pid, name, group: name == "postgres",
        "Redis": lambda pid, name, group: name.startswith("redis-server"),
        "worker": lambda pid, name, group: group == worker_pid,
        "sink": lambda pid, name, group: pid == os.getpid(),
    }


def sign(server, port, path, worker_pid):
    """One signing run from SIGNERS concurrent signers: its wrk Result, its run id (in
    every signer's address), when wrk started and finished (time.monotonic()), the CPU
    snapshot at its end and the CPU each group of processes used meanwhile.

    First every web worker signs for WARM_UP_SECONDS (a first post costs each process
    more than the next: templates, translations, connections), and the worker delivers
    whatever email that queued, so that the run measured starts on an empty queue."""
    groups = cpu_groups(server, worker_pid)
    warm_up_run = f"{WARM_UP_RUN}{secrets.token_hex(4)}"
    wrk(port, path, "sign.lua", SIGNERS, warm_up_run, threads=SIGNERS, seconds=WARM_UP_SECONDS)
    deadline = time.monotonic() + DRAIN_SECONDS
    while pending_email() and time.monotonic() < deadline:
        time.sleep(0.25)
    run_id = secrets.token_hex(4)
    before = cpu.snapshot(groups)
    started = time.monotonic()
    result = wrk(port, path, "sign.lua", SIGNERS, run_id, threads=SIGNERS)
    ended = time.monotonic()
    after = cpu.snapshot(groups)
    return {
        "result": result,
        "run_id": run_id,
        "started": started,
        "ended": ended,
        "at_end": after,
        "cpu": cpu.spent(before, after),
    }


def measure(pages):
    """The pages, then signing with email off and on: the results, each signing run's id,
    what the email run's delivery came to, and the CPU each signing run and the drain
    used."""
    results = {}
    servers = {
        "uncached": start_server(PORT, 0),
        "cached": start_server(PORT + 1, 300),
    }
    try:
        log(f"Measuring each for {SECONDS} s")
        results[("framework floor", None)] = wrk(PORT, "/bench/floor", "get.lua", PAGE_CONNECTIONS)
        for name, path in pages.items():
            for port, is_cached in ((PORT, False), (PORT + 1, True)):
                if is_cached and name == "search":
                    continue  # private: every search is run and counted
                warm_up(port, path)
                results[(name, is_cached)] = wrk(port, path, "get.lua", PAGE_CONNECTIONS)
                log(f"  {name}, {'cached' if is_cached else 'uncached'}: done")
        results[(SEARCH_ALONE, False)] = wrk(PORT, pages["search"], "get.lua", 1, threads=1)

        web_process.stop(servers.pop("cached"))
        with smtp_sink() as (sink, sink_port), worker(sink_port) as worker_state:
            # The same as the uncached server, except that each signature queues an email.
            servers["emailing"] = start_server(
                PORT + 2, 0, PETITION_CONFIRMATION_EMAIL="true", EMAIL_PORT=str(sink_port)
            )
            warm_up(PORT + 2, pages["petition"])
            runs = {}
            for name, server, port in (
                (SIGNING_OFF, "uncached", PORT),
                (SIGNING_ON, "emailing", PORT + 2),
            ):
                runs[name] = sign(servers[server], port, pages["petition"], worker_state["pid"])
                results[(name, False)] = runs[name]["result"]
                log(f"  {name}: done")
            log(f"  waiting for the worker to deliver the {pending_email()} emails queued")
            on = runs[SIGNING_ON]
            drained = wait_for_delivery(sink, on["run_id"])
            groups = cpu_groups(servers["emailing"], worker_state["pid"])
            cpu_used = {name: run["cpu"] for name, run in runs.items()}
            cpu_used["drain"] = cpu.spent(on["at_end"], cpu.snapshot(groups))
            run_ids = {name: run["run_id"] for name, run in runs.items()}
            delivery = {
                "drained": drained,
                "signing_started": on["started"],
                "signing_ended": on["ended"],
                "failed_attempts": failed_deliveries(),
                "received_on": sink.to(f"wrk-{run_ids[SIGNING_ON]}-"),
                "received_off": sink.to(f"wrk-{run_ids[SIGNING_OFF]}-"),
            }
        delivery["received_warm_up"] = len(sink.to(f"wrk-{WARM_UP_RUN}"))
        delivery["received_other"] = (
            len(sink.received) - len(delivery["received_on"]) - delivery["received_warm_up"]
        )
        delivery["worker_exit_code"] = worker_state["exit_code"]
    finally:
        for server in servers.values():
            web_process.stop(server)
    return results, run_ids, delivery, cpu_used


def check_signatures(run_id, answered):
    """Compare what was stored with what each signer was answered.

    Every post answered with the redirect to the thank-you page must be stored, once.
    wrk stops at its deadline with each signer's last post possibly still on its way:
    the server stores it but its answer is never read. Such a row is accepted only as
    the next post of a signer, one per signer at most; anything else stored is an error.
    """
    emails = stored_addresses(run_id)
    stored = set(emails)

    def email(signer, number):
        return f"wrk-{run_id}-{signer}-{number}@bench.example.org"

    expected = {email(s, n) for s, count in answered.items() for n in range(1, count + 1)}
    in_flight = {email(s, count + 1) for s, count in answered.items()}
    return {
        "answered": len(expected),
        "stored": len(emails),
        "lost": len(expected - stored),
        "duplicated": len(emails) - len(stored),
        "cut_off": len((stored - expected) & in_flight),
        "unexplained": len(stored - expected - in_flight),
    }


def check_emails(run_id, delivery):
    """Whether each signature stored in the run `run_id` got exactly one email, by
    address, and the worker's pace: while signing went on, and the rest after it."""
    stored = set(stored_addresses(run_id))
    received = Counter(address for _, address in delivery["received_on"])
    times = sorted(at for at, _ in delivery["received_on"])
    ended = delivery["signing_ended"]
    after = [at for at in times if at > ended]
    drain_seconds = (times[-1] - ended) if after else 0.0
    return {
        "stored": len(stored),
        "received": sum(received.values()),
        "lost": len(stored - set(received)),
        "duplicated": sum(count - 1 for count in received.values() if count > 1),
        "unexplained": len(set(received) - stored),
        "during_signing": len(times) - len(after),
        "after_signing": len(after),
        "drain_seconds": drain_seconds,
        "drain_rate": len(after) / drain_seconds if drain_seconds else 0.0,
        "overall_rate": len(times) / (times[-1] - delivery["signing_started"]) if times else 0.0,
    }


def table(results, counts):
    floor = results[("framework floor", None)].rps
    lines = [
        f"{'page':<24} {'cache':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'of floor':>9} {'queries':>8} {'errors':>7}",
        "-" * 89,
    ]
    for (name, is_cached), result in results.items():
        cache = "-" if is_cached is None else ("cached" if is_cached else "uncached")
        queries = counts.get(("search" if name == SEARCH_ALONE else name, is_cached), "")
        lines.append(
            f"{name:<24} {cache:<9} {result.rps:>8.0f} {result.p50:>8.1f} {result.p99:>8.1f} "
            f"{100 * result.rps / floor:>8.1f}% {queries!s:>8} {result.errors:>7}"
        )
    return "\n".join(lines)


def targets(results, signing, emails, delivery):
    """Each of the README's targets, with what this run measured and whether it was met."""
    floor = results[("framework floor", None)].rps

    def share(name, is_cached):
        return 100 * results[(name, is_cached)].rps / floor

    cached = [name for name, is_cached in results if is_cached]
    lowest = min(cached, key=lambda name: share(name, True))
    page_1 = results[("blog index, page 1", False)].p50
    page_500 = results[("blog index, page 500", False)].p50
    on, off = signing[SIGNING_ON], signing[SIGNING_OFF]
    rows = [
        (
            "every cached page >= 50% of the floor",
            f"lowest: {lowest}, {share(lowest, True):.1f}%",
            share(lowest, True) >= 50,
        ),
        *(
            (
                f"uncached {name} >= {minimum}% of the floor",
                f"{share(name, False):.1f}%",
                share(name, False) >= minimum,
            )
            for name, minimum in (("blog post", 4), ("petition", 4), ("home", 3))
        ),
        (
            "blog index page 500 p50 <= 1.2 x page 1",
            f"{page_500:.1f} ms vs {page_1:.1f} ms ({page_500 / page_1:.2f} x)",
            page_500 <= 1.2 * page_1,
        ),
        (
            "signing >= 250/s with the email queued",
            f"{on['rate']:.0f}/s ({on['lost']} lost, {on['duplicated']} duplicated); "
            f"email off: {off['rate']:.0f}/s",
            on["rate"] >= 250 and not on["lost"] and not on["duplicated"],
        ),
        (
            f"every email delivered once, <= {DRAIN_SECONDS} s after",
            f"{emails['received']} for {emails['stored']} signatures, {emails['lost']} lost, "
            f"{emails['duplicated']} duplicated; the last "
            f"{emails['drain_seconds']:.1f} s after signing",
            delivery["drained"] and not emails["lost"] and not emails["duplicated"],
        ),
        (
            "search p50 < 50 ms, one search at a time",
            f"{results[(SEARCH_ALONE, False)].p50:.1f} ms",
            results[(SEARCH_ALONE, False)].p50 < 50,
        ),
    ]
    return "\n".join(
        f"{'met   ' if met else 'MISSED'} {target:<42} {measured}" for target, measured, met in rows
    )


def cpu_table(cpu_used, signing, emails):
    """Each signing run's CPU, in ms per signature stored, and the drain's, per email."""
    columns = list(cpu_used[SIGNING_OFF])
    lines = [
        "CPU per signature stored (per email delivered after signing, for the drain), ms; "
        f"a row adds up to {os.cpu_count()} cores x its duration:",
        f"{'':<20}" + "".join(f"{column:>12}" for column in columns),
    ]
    for name, used in cpu_used.items():
        count = emails["after_signing"] if name == "drain" else signing[name]["stored"]
        lines.append(
            f"{name:<20}"
            + "".join(f"{1000 * used[column] / max(count, 1):>12.2f}" for column in columns)
        )
    return "\n".join(lines)


def load_average():
    """The machine's load: other work beside the benchmark shows here."""
    return ", ".join(f"{load:.1f}" for load in os.getloadavg())


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install wrk).")
    os.environ.update(ENVIRONMENT)
    OUTPUT_DIR.mkdir(exist_ok=True)
    sys.path.insert(0, str(BASE_DIR))
    started = time.monotonic()
    log(f"Load average (1, 5, 15 min) at the start: {load_average()}")
    ensure_database()
    pages = prepare()
    log("Counting queries")
    counts = count_queries(pages)
    forget_earlier_runs()
    results, run_ids, delivery, cpu_used = measure(pages)
    signing = {}
    for name in (SIGNING_OFF, SIGNING_ON):
        result = results[(name, False)]
        check = check_signatures(run_ids[name], result.answered)
        signing[name] = {
            **check,
            "rate": check["answered"] / result.seconds,
            "refused": result.refused,
        }
    emails = check_emails(run_ids[SIGNING_ON], delivery)
    signing_seconds = delivery["signing_ended"] - delivery["signing_started"]

    log("")
    log(table(results, counts))
    log("")
    for name, check in signing.items():
        log(
            f"{name[0].upper()}{name[1:]}: {check['rate']:.0f} signatures/s from {SIGNERS} "
            f"concurrent signers. {check['answered']} posts answered 303 (thank-you page), "
            f"{check['refused']} refused; {check['stored']} stored: {check['lost']} lost, "
            f"{check['duplicated']} duplicated, {check['cut_off']} more whose answer wrk's "
            f"deadline cut off (a signer's last post, in flight), "
            f"{check['unexplained']} unexplained."
        )
    log(
        f"Email: {emails['stored']} signatures stored with email on, {emails['received']} "
        f"emails received by the sink: {emails['lost']} lost, {emails['duplicated']} "
        f"duplicated, {emails['unexplained']} to an address with no signature. The worker "
        f"delivered {emails['during_signing']} while signing went on "
        f"({emails['during_signing'] / signing_seconds:.0f} emails/s) and the "
        f"{emails['after_signing']} left after it in {emails['drain_seconds']:.1f} s "
        f"({emails['drain_rate']:.0f} emails/s); {emails['overall_rate']:.0f} "
        f"emails/s from the start of signing to the last email. "
        f"{delivery['failed_attempts']} delivery attempts failed; "
        f"{len(delivery['received_off'])} emails for the email-off run, "
        f"{delivery['received_warm_up']} for the warm-up signing before each run, "
        f"{delivery['received_other']} to other addresses; the worker exited with "
        f"{delivery['worker_exit_code']}."
    )
    log("")
    log(cpu_table(cpu_used, signing, emails))
    log("")
    log(targets(results, signing, emails, delivery))
    log(
        f"Whole run: {time.monotonic() - started:.0f} s; load average (1, 5, 15 min) at the "
        f"end: {load_average()}"
    )
    problems = [
        f"{name}: {check[key]} {key}"
        for name, check in signing.items()
        for key in ("lost", "duplicated", "unexplained", "refused")
        if check[key]
    ]
    problems += [
        f"email: {emails[key]} {key}"
        for key in ("lost", "duplicated", "unexplained")
        if emails[key]
    ]
    if not delivery["drained"]:
        problems.append(f"email: the queue was not empty {DRAIN_SECONDS} s after signing")
    if delivery["received_off"]:
        problems.append(f"email: {len(delivery['received_off'])} sent with email off")
    if delivery["worker_exit_code"] != 0:
        problems.append(f"the worker exited with {delivery['worker_exit_code']}")
    if problems:
        raise SystemExit("Signing or its email went wrong: " + "; ".join(problems) + ".")


if __name__ == "__main__":
    main()
