"""The admin's Background jobs report: the queue as superusers see it, with Retry and Discard."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.mail import send_mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.users.models import UserProfile

from jobs.tasks import prune_finished_jobs, publish_scheduled_pages, trim_search_query_log

pytestmark = pytest.mark.django_db

REPORT = "background_jobs_report"
SIGNER = "signer@example.org"


@pytest.fixture(autouse=True)
def queue(settings):
    """Jobs wait in the database queue, as on the site, instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run(job):
    """Run one queued job as the worker does (claimed, run, marked done or failed)."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    job.claim(worker.worker_id)
    worker.run_task(job)
    job.refresh_from_db()
    return job


def queued(task, minutes_ago=0, status=TaskResultStatus.READY, **kwargs):
    """A job of `task` queued `minutes_ago`, moved on to `status` (done, failed: by hand)."""
    result = task.enqueue(**kwargs)
    job = DBTaskResult.objects.get(pk=result.id)
    job.enqueued_at = timezone.now() - timedelta(minutes=minutes_ago)
    job.status = status
    if status != TaskResultStatus.READY:
        job.started_at = job.enqueued_at + timedelta(seconds=1)
    if status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
        job.finished_at = job.started_at + timedelta(seconds=1)
    if status == TaskResultStatus.FAILED:
        job.exception_class_path = "builtins.RuntimeError"
        job.traceback = 'Traceback (most recent call last):\n  File "x"\nRuntimeError: it broke\n'
    job.save()
    return job


@pytest.fixture
def failed_email(settings):
    """An email the mail server refused: the failed first attempt, and its retry, due later."""
    settings.MAIL_DELIVERY_BACKEND = "tests.refusing_mail.RefusingEmailBackend"
    send_mail("Thanks for signing", "We got it.", "hub@example.org", [SIGNER])
    job = run(DBTaskResult.objects.get())
    assert job.status == TaskResultStatus.FAILED
    return job


def report(client, **query):
    response = client.get(reverse(REPORT), query)
    assert response.status_code == 200
    return response


def rows(client, **query):
    """Each listed job: {column label: the cell's text}."""
    soup = BeautifulSoup(report(client, **query).content, "html.parser")
    labels = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
    return [
        dict(zip(labels, (td.get_text(" ", strip=True) for td in tr.select("td")), strict=True))
        for tr in soup.select("table.listing tbody tr")
    ]


def messages_shown(response):
    """The messages on the page the response led to (Wagtail's, spaces collapsed)."""
    return [" ".join(str(message).split()) for message in response.context["messages"]]


def test_report_lists_waiting_failed_and_done_jobs_newest_first(superuser_client, failed_email):
    queued(prune_finished_jobs, minutes_ago=60, status=TaskResultStatus.SUCCESSFUL)
    trim_search_query_log.enqueue()

    listed = rows(superuser_client)

    assert [(row["Job"], row["Status"].split(" ")[0]) for row in listed] == [
        ("trim_search_query_log", "Waiting"),
        ("deliver_email (attempt 2)", "Scheduled"),
        ("deliver_email", "Failed"),
        ("prune_finished_jobs", "Done"),
    ]
    waiting, retry, failed, done = listed
    assert retry["Status"].startswith("Scheduled for ")
    assert failed["Error"] == (
        "DeliveryFailed: Attempt 1: SMTPRecipientsRefused: the mail server refused "
        "1 recipient(s); retrying later."
    )
    assert failed["Retried"] == "Yes"
    assert failed["Started"] and failed["Finished"]
    assert waiting["Error"] == waiting["Retried"] == waiting["Started"] == ""
    assert done["Error"] == "" and done["Finished"]
    # The failed attempt's retry is queued: retrying it by hand would send twice.
    assert [row["Actions"] for row in listed] == ["Discard", "Discard", "Discard", ""]
    html = report(superuser_client).content.decode()
    assert "Traceback" not in html
    assert SIGNER not in html  # the job's arguments (the message) are never shown


def test_a_failed_job_without_its_retry_is_not_retried(superuser_client, failed_email):
    DBTaskResult.objects.exclude(pk=failed_email.pk).delete()
    [failed] = rows(superuser_client)
    assert failed["Retried"] == "No"
    assert failed["Error"].startswith("DeliveryFailed: Attempt 1: ")


def test_the_summary_shows_the_waiting_jobs_and_the_last_heartbeat(superuser_client):
    queued(trim_search_query_log, minutes_ago=5)
    queued(trim_search_query_log, minutes_ago=2)

    soup = BeautifulSoup(report(superuser_client).content, "html.parser")
    summary = soup.select_one("[data-queue-summary]").get_text(" ", strip=True)
    assert "Waiting to run: 2." in summary
    assert "The oldest was queued 5\xa0minutes ago." in summary
    assert "No worker heartbeat yet." in summary


@pytest.mark.parametrize(
    ("status", "jobs"),
    [
        ("waiting", ["trim_search_query_log"]),
        ("running", ["publish_scheduled_pages"]),
        ("failed", ["prune_finished_jobs (attempt 3)"]),
        ("done", ["prune_finished_jobs"]),
    ],
)
def test_the_status_filter_lists_only_jobs_in_that_state(superuser_client, status, jobs):
    queued(trim_search_query_log)
    queued(publish_scheduled_pages, status=TaskResultStatus.RUNNING)
    queued(prune_finished_jobs, status=TaskResultStatus.FAILED, attempt=3)
    queued(prune_finished_jobs, status=TaskResultStatus.SUCCESSFUL)

    assert [row["Job"] for row in rows(superuser_client, status=status)] == jobs
    assert len(rows(superuser_client)) == 4


def test_retry_queues_the_same_task_and_arguments_again_to_run_now(superuser_client, failed_email):
    # The last attempt: no automatic retry follows it.
    DBTaskResult.objects.exclude(pk=failed_email.pk).delete()
    report_url = reverse(REPORT) + "?status=failed"

    response = superuser_client.post(
        reverse("background_jobs_retry", args=[failed_email.pk]), {"next": report_url}, follow=True
    )

    assert response.redirect_chain == [(report_url, 302)]
    assert messages_shown(response) == [
        "deliver_email is queued again: it will run when a worker is free."
    ]
    again = DBTaskResult.objects.exclude(pk=failed_email.pk).get()
    assert again.status == TaskResultStatus.READY
    assert again.task_path == failed_email.task_path == "mail.tasks.deliver_email"
    assert again.args_kwargs == failed_email.args_kwargs
    assert again.run_after == get_date_max()  # due now, not after a retry's delay
    assert DBTaskResult.objects.get(pk=failed_email.pk).status == TaskResultStatus.FAILED


def test_a_job_whose_retry_is_queued_is_not_retried_twice(superuser_client, failed_email):
    [queued_retry, failed] = rows(superuser_client)
    assert queued_retry["Job"] == "deliver_email (attempt 2)"
    assert failed["Retried"] == "Yes"
    assert "Retry" not in failed["Actions"]

    response = superuser_client.post(
        reverse("background_jobs_retry", args=[failed_email.pk]), follow=True
    )

    assert messages_shown(response) == [
        "deliver_email will be tried again by itself: its next attempt is queued."
    ]
    assert DBTaskResult.objects.count() == 2


def test_only_a_failed_job_can_be_retried(superuser_client):
    job = queued(trim_search_query_log)

    response = superuser_client.post(reverse("background_jobs_retry", args=[job.pk]), follow=True)

    assert messages_shown(response) == [
        "trim_search_query_log has not failed: only a failed job can be retried."
    ]
    assert DBTaskResult.objects.count() == 1


def test_retry_and_discard_need_a_post_with_the_csrf_token(superuser):
    job = queued(trim_search_query_log, status=TaskResultStatus.FAILED)
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)

    for name in ("background_jobs_retry", "background_jobs_discard"):
        url = reverse(name, args=[job.pk])
        assert client.post(url).status_code == 403
        assert client.get(url).status_code == 405

    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [job.pk]


def test_the_retry_button_posts_with_the_csrf_token(superuser):
    job = queued(trim_search_query_log, status=TaskResultStatus.FAILED)
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    soup = BeautifulSoup(report(client).content, "html.parser")
    form = soup.find("form", action=reverse("background_jobs_retry", args=[job.pk]))
    fields = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}

    response = client.post(form["action"], fields)

    assert response.status_code == 302
    assert response["Location"] == reverse(REPORT)
    assert DBTaskResult.objects.ready().count() == 1


def test_discard_removes_a_waiting_job(superuser_client):
    job = queued(trim_search_query_log)
    kept = queued(prune_finished_jobs)

    response = superuser_client.post(reverse("background_jobs_discard", args=[job.pk]), follow=True)

    assert messages_shown(response) == ["trim_search_query_log discarded."]
    assert list(DBTaskResult.objects.all()) == [kept]
    assert [row["Job"] for row in rows(superuser_client)] == ["prune_finished_jobs"]


def test_discard_removes_a_failed_job(superuser_client):
    job = queued(trim_search_query_log, status=TaskResultStatus.FAILED)
    superuser_client.post(reverse("background_jobs_discard", args=[job.pk]))
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (
            TaskResultStatus.RUNNING,
            "trim_search_query_log is running: a running job cannot be discarded.",
        ),
        (
            TaskResultStatus.SUCCESSFUL,
            "trim_search_query_log has finished: only waiting and failed jobs can be discarded.",
        ),
    ],
)
def test_a_running_or_finished_job_cannot_be_discarded(superuser_client, status, message):
    job = queued(trim_search_query_log, status=status)

    response = superuser_client.post(reverse("background_jobs_discard", args=[job.pk]), follow=True)

    assert messages_shown(response) == [message]
    assert DBTaskResult.objects.get().status == status
    assert [row["Actions"] for row in rows(superuser_client)] == [""]


def test_a_job_gone_meanwhile_gets_a_message(superuser_client):
    job = queued(trim_search_query_log, status=TaskResultStatus.FAILED)
    pk = job.pk
    job.delete()
    for name in ("background_jobs_retry", "background_jobs_discard"):
        response = superuser_client.post(reverse(name, args=[pk]), follow=True)
        assert messages_shown(response) == ["That job no longer exists."]


def test_editors_are_refused_and_do_not_see_the_menu_item(editor_client, superuser_client):
    job = queued(trim_search_query_log, status=TaskResultStatus.FAILED)
    home = reverse("wagtailadmin_home")

    assert editor_client.get(reverse(REPORT)).url == home
    assert editor_client.get(reverse(f"{REPORT}_results")).url == home
    for name in ("background_jobs_retry", "background_jobs_discard"):
        response = editor_client.post(reverse(name, args=[job.pk]))
        assert (response.status_code, response.url) == (302, home)
    assert list(DBTaskResult.objects.all()) == [job]

    assert reverse(REPORT) not in editor_client.get(home).content.decode()
    assert reverse(REPORT) in superuser_client.get(home).content.decode()


def test_the_page_holds_fifty_jobs_and_wagtails_pagination_leads_on(superuser_client):
    for minutes in range(51):
        queued(trim_search_query_log, minutes_ago=minutes)
    oldest = DBTaskResult.objects.order_by("enqueued_at").first()

    assert len(rows(superuser_client)) == 50
    [last] = rows(superuser_client, p=2)
    html = report(superuser_client, p=2).content.decode()
    assert reverse("background_jobs_discard", args=[oldest.pk]) in html
    assert last["Job"] == "trim_search_query_log"


def test_queries_do_not_grow_with_the_number_of_jobs(superuser_client):
    def add_jobs(count):
        for number in range(count):
            status = list(TaskResultStatus)[number % 4]
            queued(prune_finished_jobs, status=status, attempt=number % 3 + 1)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            report(superuser_client)
        return len(captured)

    report(superuser_client)  # the admin's own first-request lookups
    add_jobs(3)
    with_three = queries()
    add_jobs(27)
    assert len(rows(superuser_client)) == 30
    assert queries() == with_three


def test_the_report_is_in_spanish_for_an_admin_who_prefers_spanish(superuser_client, superuser):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "es"
    profile.save()
    queued(trim_search_query_log)

    soup = BeautifulSoup(report(superuser_client).content, "html.parser")

    assert soup.h1.get_text(strip=True) == "Tareas en segundo plano"
    headings = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
    assert "Encolada" in headings and "Reintentada" in headings
    [row] = soup.select("table.listing tbody tr")
    assert row.select("td")[1].get_text(strip=True) == "En espera"
