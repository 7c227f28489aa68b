"""Every email is queued in the request and delivered by the worker, with retries."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.queue import DATABASE_QUEUE, run_waiting_jobs

pytestmark = pytest.mark.django_db

REFUSING = "tests.refusing_mail.RefusingEmailBackend"


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE
    return DBTaskResult.objects


def test_sending_only_queues_and_the_worker_delivers_the_same_message(queue):
    message = EmailMultiAlternatives(
        "Gracias",
        "Hola, Ana",
        "Hub <hola@example.org>",
        ["ana@example.org"],
        reply_to=["equipo@example.org"],
        headers={"List-Id": "hub"},
    )
    message.attach_alternative("<p>Hola, Ana</p>", "text/html")
    assert message.send() == 1
    assert mail.outbox == []
    assert queue.filter(task_path="mail.tasks.deliver_email").count() == 1

    run_waiting_jobs()
    [delivered] = mail.outbox
    assert (delivered.subject, delivered.body, delivered.from_email) == (
        "Gracias",
        "Hola, Ana",
        "Hub <hola@example.org>",
    )
    assert delivered.to == ["ana@example.org"]
    assert delivered.reply_to == ["equipo@example.org"]
    assert delivered.extra_headers["List-Id"] == "hub"
    assert delivered.alternatives == [("<p>Hola, Ana</p>", "text/html")]


def test_attachments_are_refused_rather_than_lost(queue):
    message = EmailMessage("Report", "Attached", None, ["ana@example.org"])
    message.attach("report.txt", "numbers", "text/plain")
    with pytest.raises(ValueError, match="no attachments"):
        message.send()


def test_a_failed_delivery_is_kept_with_its_error_and_retried_later(queue, settings):
    settings.MAIL_DELIVERY_BACKEND = REFUSING
    send_mail("Hi", "Hello", None, ["ana@example.org"])
    run_waiting_jobs()
    failed = queue.get(status=TaskResultStatus.FAILED)
    assert (
        "DeliveryFailed: Attempt 1: SMTPRecipientsRefused: the mail server refused 1 "
        "recipient(s); retrying later." in failed.traceback
    )
    assert "ana@example.org" not in failed.traceback
    retry = queue.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"]["attempt"] == 2


def test_the_last_attempt_gives_up_and_stays_failed(queue, settings):
    settings.MAIL_DELIVERY_BACKEND = REFUSING
    settings.JOB_ATTEMPTS = 2
    settings.JOB_RETRY_BASE_SECONDS = 0
    send_mail("Hi", "Hello", None, ["ana@example.org"])
    run_waiting_jobs()
    assert queue.count() == queue.filter(status=TaskResultStatus.FAILED).count() == 2
    assert "Attempt 2: SMTPRecipientsRefused" in queue.order_by("enqueued_at").last().traceback
    assert "giving up after 2 attempts" in queue.order_by("enqueued_at").last().traceback
    assert mail.outbox == []


def reset_password(client, email):
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/admin/password_reset/", {"email": email})
    return response, len(queries)


def test_a_password_reset_answers_alike_for_known_and_unknown_addresses(client, queue):
    get_user_model().objects.create_user("ana", "ana@example.org", "a-long-password-1")
    known, known_queries = reset_password(client, "ana@example.org")
    unknown, unknown_queries = reset_password(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The same work in the request, whoever asks: one job queued, no lookup, no email.
    assert known_queries == unknown_queries
    assert queue.filter(task_path="mail.password_reset.send_password_reset").count() == 2
    assert mail.outbox == []

    run_waiting_jobs()
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "http://testserver/admin/password_reset/confirm/" in message.body


def test_a_password_reset_email_is_in_the_language_it_was_asked_in(client, queue):
    get_user_model().objects.create_user("ana", "ana@example.org", "a-long-password-1")
    client.post(
        "/admin/password_reset/", {"email": "ana@example.org"}, headers={"accept-language": "es"}
    )
    run_waiting_jobs()
    [message] = mail.outbox
    assert "contraseña" in message.subject.lower() + message.body.lower()
