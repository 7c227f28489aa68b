"""The background worker as it runs in production: real worker processes (manage.py
run_worker, production settings) beside a real web process, on the test database, with
email going to a real SMTP server on 127.0.0.1."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobs.models import ScheduledRun, WorkerHeartbeat
from petitions.models import Signature
from tests.environment import AppProcesses, Browser, stop, worker
from tests.home.factories import StandardPageFactory
from tests.mail_sink import MailSink, SilentMailServer
from tests.petitions.factories import SignerFormDataFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PETITION_URL = "/en/petitions/stop-powering-ice/"
DELIVERY = "mail.tasks.deliver_email"


def smtp(port, **env):
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        **env,
    }


def sign(port, signer, address="198.51.100.20"):
    """Sign the petition on the web process at `port`: the status and the seconds it took."""
    browser = Browser(port, https=True, address=address)
    token = browser.form_token(PETITION_URL)
    started = time.monotonic()
    status, _, _ = browser.submit(PETITION_URL, signer, token)
    return status, time.monotonic() - started


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


def deliveries(status=None):
    jobs = DBTaskResult.objects.filter(task_path=DELIVERY)
    return jobs.filter(status=status) if status else jobs


def test_a_signing_email_is_queued_by_the_web_process_and_delivered_by_the_worker(petition):
    with MailSink() as sink, AppProcesses(1, **smtp(sink.port)) as nodes:
        status, _ = sign(nodes.ports[0], SignerFormDataFactory(email="ana.worker@example.org"))
        assert status == 303
        assert Signature.objects.filter(email="ana.worker@example.org").exists()
        # The request queued the email; nothing was sent while the signer waited.
        assert deliveries(TaskResultStatus.READY).count() == 1
        assert sink.messages == []

        process = worker(**nodes.env)
        try:
            messages = sink.wait_for(1, timeout=60)
        finally:
            stop(process)
    assert messages == [
        {"to": ["ana.worker@example.org"], "subject": f"Thank you for signing: {petition.title}"}
    ]
    assert wait_until(lambda: deliveries(TaskResultStatus.SUCCESSFUL).count() == 1, 10)


def test_a_mail_server_that_never_answers_does_not_hold_up_signing(petition):
    """The mail server takes the connection and never answers: the signer is thanked at
    once, the delivery job fails after EMAIL_TIMEOUT in the worker, and a retry waits."""
    email_timeout = 8
    with SilentMailServer() as server:
        env = smtp(server.port, EMAIL_TIMEOUT=str(email_timeout), JOB_RETRY_BASE_SECONDS="600")
        with AppProcesses(1, **env) as nodes:
            process = worker(**nodes.env)
            try:
                status, seconds = sign(nodes.ports[0], SignerFormDataFactory())
                assert status == 303
                # Sending in the request would take the whole timeout, or more.
                assert seconds < email_timeout / 2
                assert wait_until(
                    lambda: deliveries(TaskResultStatus.FAILED).exists(), email_timeout * 3
                )
            finally:
                stop(process)
    assert Signature.objects.count() == 1
    failed = deliveries(TaskResultStatus.FAILED).get()
    assert "Attempt 1: SMTPServerDisconnected: Connection unexpectedly closed: timed out" in (
        failed.traceback
    )
    assert "retrying later" in failed.traceback
    retry = deliveries(TaskResultStatus.READY).get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now() + timedelta(seconds=500)


def test_two_workers_deliver_each_email_once_and_a_stopped_worker_loses_nothing(petition, settings):
    signers = [SignerFormDataFactory(email=f"signer{number}@example.org") for number in range(8)]
    with MailSink() as sink, AppProcesses(1, **smtp(sink.port)) as nodes:
        # No worker runs: every signature is stored and its email waits in the queue.
        for number, signer in enumerate(signers):
            assert sign(nodes.ports[0], signer, address=f"198.51.100.{30 + number}")[0] == 303
        assert deliveries(TaskResultStatus.READY).count() == len(signers)

        # A worker starts and is stopped at once, then two run side by side.
        stop(worker(**nodes.env))
        workers = [worker(**nodes.env) for _ in range(2)]
        try:
            messages = sink.wait_for(len(signers), timeout=90)
            assert wait_until(
                lambda: deliveries(TaskResultStatus.SUCCESSFUL).count() == len(signers), 20
            )
            time.sleep(2)  # long enough for a duplicate to arrive, were there one
        finally:
            output = "".join(stop(process) for process in workers)
    recipients = sorted(address for message in sink.messages for address in message["to"])
    assert recipients == sorted(signer["email"] for signer in signers), output
    assert len(messages) == len(signers)
    assert not deliveries().exclude(status=TaskResultStatus.SUCCESSFUL).exists()
    assert all(len(job.worker_ids) == 1 for job in deliveries())


def test_the_schedule_publishes_and_expires_pages_once_with_two_workers_running(home):
    soon = timezone.now() + timedelta(seconds=20)
    scheduled = StandardPageFactory(parent=home, title="Scheduled", slug="scheduled", live=False)
    scheduled.go_live_at = soon
    scheduled.save_revision().publish()
    expiring = StandardPageFactory(parent=home, title="Expiring", slug="expiring")
    expiring.expire_at = soon
    expiring.save_revision().publish()
    scheduled.refresh_from_db()
    assert not scheduled.live

    with AppProcesses(1) as nodes:
        browser = Browser(nodes.ports[0], https=True)
        assert browser.request("GET", "/en/scheduled/")[0] == 404
        assert browser.request("GET", "/en/expiring/")[0] == 200
        # Every two seconds here; every minute in production.
        workers = [worker(**nodes.env, SCHEDULE_PUBLISHING="*/2 * * * * *") for _ in range(2)]
        try:
            went_live = wait_until(
                lambda: browser.request("GET", "/en/scheduled/")[0] == 200, timeout=90
            )
            went_offline = browser.request("GET", "/en/expiring/")[0] == 404
        finally:
            output = "".join(stop(process) for process in workers)
    assert went_live, output
    assert went_offline, output
    assert WorkerHeartbeat.objects.count() == 2
    runs = ScheduledRun.objects.filter(job="publish-scheduled-pages")
    jobs = DBTaskResult.objects.filter(task_path="jobs.tasks.publish_scheduled_pages")
    # Both workers kept the schedule; each moment's job was queued and run once.
    assert runs.count() >= 2
    assert jobs.count() == runs.count()
    assert runs.values("due_at").distinct().count() == runs.count()
    assert not jobs.filter(status=TaskResultStatus.FAILED).exists()
