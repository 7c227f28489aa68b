"""The schedule, retries and the scheduled jobs themselves, run in this process."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import PageLogEntry

from caching import page_cache
from jobs import retries, schedule
from jobs.models import ScheduledRun, WorkerHeartbeat
from jobs.tasks import prune_finished_jobs, trim_search_query_log
from mail.tasks import deliver_email
from petitions.models import PetitionPage, Status
from petitions.tasks import close_petitions_past_deadline
from tests.queue import DATABASE_QUEUE, run_waiting_jobs

pytestmark = pytest.mark.django_db

MESSAGE = {"subject": "Hi", "body": "Hello", "to": ["ana@example.org"]}


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE
    return DBTaskResult.objects


@pytest.mark.parametrize(
    ("line", "resolution"), [("* * * * *", 60), ("17 3 * * *", 60), ("*/5 * * * * *", 1)]
)
def test_schedules_are_crontab_lines_with_optional_seconds(line, resolution):
    trigger, found = schedule.trigger(line)
    assert found == resolution
    now = timezone.now()
    assert trigger.get_next_fire_time(None, now) > now


def test_a_schedule_that_is_not_one_stops_the_worker_starting():
    with pytest.raises(ValueError, match="Not a schedule"):
        schedule.trigger("every minute")


def test_each_moment_of_the_schedule_is_queued_once_whichever_worker_claims_it(queue):
    path = "jobs.tasks.trim_search_query_log"
    assert schedule.queue_if_unclaimed("trim", path, 60, worker_id="one")
    assert not schedule.queue_if_unclaimed("trim", path, 60, worker_id="two")
    assert queue.filter(task_path=path).count() == 1
    assert ScheduledRun.objects.get().claimed_by == "one"


def test_the_heartbeat_records_each_worker_once(queue):
    schedule.beat("one")
    schedule.beat("one")
    schedule.beat("two")
    assert sorted(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["one", "two"]


def test_retries_wait_longer_each_time_and_stop_after_the_last_attempt(queue, settings):
    settings.JOB_ATTEMPTS = 3
    settings.JOB_RETRY_BASE_SECONDS = 30
    assert [retries.retry_delay(attempt) for attempt in (1, 2, 3)] == [30, 120, 480]
    before = timezone.now()
    assert retries.queue_retry(deliver_email, 2, message=MESSAGE)
    job = queue.get()
    assert job.args_kwargs["kwargs"] == {"message": MESSAGE, "attempt": 3}
    assert job.run_after >= before + timedelta(seconds=120)
    assert not retries.queue_retry(deliver_email, 3, message=MESSAGE)
    assert queue.count() == 1


def test_the_search_query_log_keeps_its_last_days(queue, settings):
    settings.WAGTAILSEARCH_HITS_MAX_AGE = 30
    query = Query.get("ice raids")
    QueryDailyHits.objects.create(query=query, date=timezone.localdate(), hits=3)
    QueryDailyHits.objects.create(
        query=query, date=timezone.localdate() - timedelta(days=31), hits=9
    )
    trim_search_query_log.enqueue()
    run_waiting_jobs()
    assert list(QueryDailyHits.objects.values_list("hits", flat=True)) == [3]


def test_finished_jobs_are_deleted_after_their_days_and_waiting_ones_kept(queue, settings):
    settings.JOB_RESULT_DAYS = 7
    trim_search_query_log.enqueue()
    run_waiting_jobs()
    queue.update(finished_at=timezone.now() - timedelta(days=8))
    waiting = trim_search_query_log.enqueue()
    WorkerHeartbeat.objects.create(worker_id="gone", last_seen=timezone.now() - timedelta(days=8))
    prune_finished_jobs.call()
    assert [str(job.id) for job in queue.all()] == [waiting.id]
    assert not WorkerHeartbeat.objects.exists()


def test_petitions_past_their_deadline_are_closed_in_both_languages(spanish_petition, queue):
    english = PetitionPage.objects.get(locale__language_code="en")
    PetitionPage.objects.update(deadline=timezone.now() - timedelta(minutes=1))
    generation = page_cache.generation()

    close_petitions_past_deadline.enqueue()
    run_waiting_jobs()

    # The CDN's copies of both translations are purged, by a job of their own.
    [purge] = queue.filter(task_path__endswith="purge_urls_from_cache_task")
    urls = sorted(purge.args_kwargs["args"][0])
    assert urls == sorted([english.get_full_url(), spanish_petition.get_full_url()])
    assert [url.split("/")[3] for url in urls] == ["en", "es"]

    assert set(PetitionPage.objects.values_list("status", flat=True)) == {Status.CLOSED}
    assert page_cache.generation() != generation
    logged = PageLogEntry.objects.filter(action="petitions.closed_at_deadline")
    assert sorted(logged.values_list("page_id", flat=True)) == [english.pk, spanish_petition.pk]
    # A second run finds nothing to do.
    assert close_petitions_past_deadline.call() == 0
    closing = queue.filter(task_path="petitions.tasks.close_petitions_past_deadline")
    assert list(closing.values_list("status", flat=True)) == [TaskResultStatus.SUCCESSFUL]


def test_open_petitions_before_their_deadline_stay_open(petition):
    PetitionPage.objects.update(deadline=timezone.now() + timedelta(minutes=1))
    assert close_petitions_past_deadline.call() == 0
    petition.refresh_from_db()
    assert petition.status == Status.OPEN
