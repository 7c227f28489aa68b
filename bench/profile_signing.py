"""Where a signature's time goes: cProfile around N signatures posted in-process.

`.venv/bin/python -m bench.profile_signing [N]` (after `make bench` has built the dataset)
signs the benchmark's most-signed petition N times (default 500) through Django's test
client, with the benchmark's production settings, database and Redis, and the
confirmation email on (queued, as on the site; no worker runs). Afterwards it deletes its
signatures and every email job in the benchmark's queue: run it while no benchmark runs.
Like a browser, and wrk, it gets the CSRF token from the page once, then posts the form
with a new address each time; the CSRF check is enforced. No web server: each post is the
site's own work, middleware included. It prints the milliseconds per signature, wall and
CPU (this process's, and the CPU that PostgreSQL's backend for this connection and Redis's
server spent on it), then, under cProfile, the time spent in the parts of a signature and
the top functions by cumulative time; it keeps the whole profile in .bench/signing.prof.

EMAIL=off signs with the confirmation email off.
"""

import cProfile
import os
import pstats
import re
import secrets
import sys
import time

from bench.run import BASE_DIR, ENVIRONMENT, HOST, SIGNER

# Where a signature's time goes: each of these functions, and what it calls (its callees
# that take at least MINIMUM_MS per signature), by cumulative time.
BREAKDOWN = [
    ("django/core/handlers/base.py", "get_response"),
    ("django/core/handlers/base.py", "_get_response"),
    ("caching/wagtail_serving.py", "serve_page"),
    ("caching/lookups.py", "find_route"),
    ("petitions/signing.py", "sign"),
    ("petitions/emails.py", "send_confirmation"),
    ("django/db/models/sql/compiler.py", "execute_sql"),
]
MINIMUM_MS = 0.1


def short(function):
    filename, line, name = function
    for marker in ("site-packages/", f"{BASE_DIR}/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
    return f"{filename}:{line}({name})" if line else name


def breakdown(stats, count):
    """Lines: each BREAKDOWN function's ms per signature, and its callees'."""
    lines = []
    for path, wanted in BREAKDOWN:
        for function, (_, _, _, cumulative, _) in stats.stats.items():
            if function[2] != wanted or not function[0].endswith(path):
                continue
            lines.append(f"{1000 * cumulative / count:7.2f}  {short(function)}")
            callees = sorted(
                (
                    (callers[function][3], callee)
                    for callee, (_, _, _, _, callers) in stats.stats.items()
                    if function in callers
                ),
                reverse=True,
            )
            lines.extend(
                f"{1000 * seconds / count:13.2f}  {short(callee)}"
                for seconds, callee in callees
                if 1000 * seconds / count >= MINIMUM_MS
            )
    return lines


def backend_cpu(connection):
    """CPU seconds PostgreSQL's backend process for `connection` has used (it runs on this
    machine: the benchmark's database is on 127.0.0.1), or None where /proc cannot tell."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def redis_cpu(url):
    """CPU seconds the Redis server has used (all its clients': other work shows here)."""
    import redis

    info = redis.Redis.from_url(url).info("cpu")
    return info["used_cpu_user"] + info["used_cpu_sys"]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    email_on = os.environ.get("EMAIL", "on") != "off"
    os.environ.update(ENVIRONMENT)
    os.environ["PETITION_CONFIRMATION_EMAIL"] = "true" if email_on else "false"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from bench import run
    from petitions.models import Signature

    path = run.urls()["petition"]
    client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    client.cookies["django_language"] = "en"
    page = client.get(path)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content).group(1)
    run_id = secrets.token_hex(4)

    def sign(name):
        response = client.post(
            path,
            {
                **SIGNER,
                "csrfmiddlewaretoken": token.decode(),
                "email": f"profile-{run_id}-{name}@bench.example.org",
            },
        )
        assert response.status_code == 303, response.status_code

    def timed(name, profiler=None):
        """Sign `count` times; what one signature took, in ms."""
        before = (
            time.perf_counter(),
            time.process_time(),
            backend_cpu(connection),
            redis_cpu(os.environ["REDIS_URL"]),
        )
        if profiler:
            profiler.enable()
        for number in range(count):
            sign(f"{name}{number}")
        if profiler:
            profiler.disable()
        after = (
            time.perf_counter(),
            time.process_time(),
            backend_cpu(connection),
            redis_cpu(os.environ["REDIS_URL"]),
        )
        wall, cpu, postgres, redis = (
            None if start is None else 1000 * (end - start) / count
            for start, end in zip(before, after, strict=True)
        )
        return (
            f"{wall:.2f} ms wall; CPU: {cpu:.2f} ms Django (this process), "
            + ("? ms" if postgres is None else f"{postgres:.2f} ms")
            + f" PostgreSQL's backend, {redis:.2f} ms Redis"
        )

    try:
        for number in range(20):  # warm up: imports, connections, caches
            sign(f"warm{number}")
        plain = timed("plain")
        profiler = cProfile.Profile()
        profiled = timed("profiled", profiler)
        stored = Signature.objects.filter(email__startswith=f"profile-{run_id}-").count()
        assert stored == 2 * count + 20, stored
    finally:
        Signature.objects.filter(email__startswith=f"profile-{run_id}-").delete()
        DBTaskResult.objects.filter(task_path="mail.tasks.deliver_email").delete()

    print(
        f"{count} signatures, email {'on' if email_on else 'off'}, one at a time; per "
        f"signature:\n  {plain}\n  under cProfile: {profiled}"
    )
    stats = pstats.Stats(profiler)
    run.OUTPUT_DIR.mkdir(exist_ok=True)
    stats.dump_stats(run.OUTPUT_DIR / "signing.prof")
    print("\nms per signature under cProfile, cumulative: the request's handling, the view,")
    print(f"the signing, the queries, and what each calls ({MINIMUM_MS} ms or more):")
    print("\n".join(breakdown(stats, count)))
    print()
    stats.sort_stats("cumulative").print_stats(45)
    print(f"All of it: {run.OUTPUT_DIR / 'signing.prof'} (python -m pstats)")


if __name__ == "__main__":
    main()
