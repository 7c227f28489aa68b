"""Exactness under load: people signing at the same moment are each counted once."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from petitions.models import Signature

ENGLISH_URL = "/en/petitions/stop-powering-ice/"
SPANISH_URL = "/es/petitions/stop-powering-ice/"


def shown_count(url):
    html = Client().get(url).content.decode()
    return int(html.split('data-signature-count="', 1)[1].split('"', 1)[0])


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: SQLite takes one writer at a time, so threads never race there",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_threads_signing_at_once_store_each_signer_exactly_once(spanish_petition):
    """80 submissions from 40 threads: 60 people, 10 of whom submit 3 times at the same moment."""
    distinct, repeaters, threads = 60, 10, 40
    duplicated = [
        (url, f"{spaces}{email}{spaces}", number)
        for number in range(repeaters)
        for url, email, spaces in (
            (ENGLISH_URL, f"signer{number}@example.org", ""),
            (SPANISH_URL, f"SIGNER{number}@Example.org", "  "),
            (ENGLISH_URL, f"Signer{number}@EXAMPLE.ORG", " "),
        )
    ]
    single = [
        (SPANISH_URL if number % 2 else ENGLISH_URL, f"signer{number}@example.org", number)
        for number in range(repeaters, distinct)
    ]
    # The first round, released together, holds every repeated submission.
    submissions = duplicated + single
    statuses, errors = [], []
    barrier = threading.Barrier(threads)

    def sign(mine):
        browser = Client()
        try:
            barrier.wait()
            for url, email, number in mine:
                data = {
                    "first_name": "Ana",
                    "last_name": f"Signer {number}",
                    "email": email,
                    "postal_code": "85007",
                }
                response = browser.post(url, data, REMOTE_ADDR=f"10.0.{number}.1")
                statuses.append(response.status_code)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    workers = [
        threading.Thread(target=sign, args=(submissions[index::threads],))
        for index in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    assert len(statuses) == len(submissions) == 80
    assert set(statuses) == {303}
    assert Signature.objects.count() == distinct
    assert Signature.objects.values("email").distinct().count() == distinct
    assert shown_count(ENGLISH_URL) == shown_count(SPANISH_URL) == distinct


SIGNING_PROCESS = """
import sys, time
from pathlib import Path
import django
django.setup()
from django.test import Client

process, url, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
browser = Client()
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
statuses = []
for number in range(count):
    data = {"first_name": "Ana", "last_name": f"Process {process}",
            "email": f"process{process}-{number}@example.org", "postal_code": "85007"}
    statuses.append(browser.post(url, data, REMOTE_ADDR=f"10.{process}.0.{number}").status_code)
print(" ".join(map(str, statuses)), flush=True)
"""


def database_url():
    """The URL of the database this test runs on, for another process to use."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_signing_at_once_do_not_lock_each_other_out(spanish_petition, tmp_path):
    per_process = 30
    go = tmp_path / "go"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "DATABASE_URL": database_url(),
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SIGNING_PROCESS, str(number), url, str(per_process), str(go)],
            env=environment,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number, url in ((1, ENGLISH_URL), (2, SPANISH_URL))
    ]
    for process in processes:
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
    Path(go).touch()
    outputs = [process.communicate(timeout=120) for process in processes]

    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert "database is locked" not in stderr
        assert process.returncode == 0, stderr
        assert stdout.split() == ["303"] * per_process
    assert Signature.objects.count() == 2 * per_process
    assert shown_count(ENGLISH_URL) == shown_count(SPANISH_URL) == 2 * per_process
