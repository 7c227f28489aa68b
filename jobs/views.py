"""The admin's Background jobs report: the queue's jobs, newest first, with their state,
their error when they failed, and buttons to retry a failed job or discard one.

Superusers only (the menu item and every view check it). A job's arguments are never
shown: an email's hold its recipients' addresses.
"""

from dataclasses import replace
from datetime import timedelta

import django_filters
from django.core.exceptions import SuspiciousOperation
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import gettext, gettext_lazy
from django.views import View
from django_tasks import TaskResultStatus
from django_tasks.exceptions import InvalidTaskBackendError, InvalidTaskError
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView

from jobs.health import queue_state

_ = gettext_lazy

# The report's status filter: its values, their labels, and the queue's status for each.
STATUS_FILTERS = {
    "waiting": (_("Waiting"), TaskResultStatus.READY),
    "running": (_("Running"), TaskResultStatus.RUNNING),
    "failed": (_("Failed"), TaskResultStatus.FAILED),
    "done": (_("Done"), TaskResultStatus.SUCCESSFUL),
}
STATUS_LABELS = {status: label for label, status in STATUS_FILTERS.values()}
DISCARDABLE = [TaskResultStatus.READY, TaskResultStatus.FAILED]
ERROR_LENGTH = 300


def can_see_jobs(user):
    return user.is_active and user.is_superuser


def attempt(job):
    """Which attempt at its task the job is (jobs.retries: retries carry attempt=n)."""
    value = job.args_kwargs.get("kwargs", {}).get("attempt", 1)
    return value if isinstance(value, int) else 1


def job_name(job):
    """The task's function name, with the attempt when it is a retry."""
    name = job.task_path.rsplit(".", 1)[-1]
    if attempt(job) > 1:
        return gettext("%(job)s (attempt %(attempt)s)") % {"job": name, "attempt": attempt(job)}
    return name


def is_scheduled(job):
    """A waiting job that may not run before a moment still to come."""
    return (
        job.status == TaskResultStatus.READY
        and job.run_after != get_date_max()
        and job.run_after > timezone.now()
    )


def status_label(job):
    if is_scheduled(job):
        moment = formats.date_format(timezone.localtime(job.run_after), "SHORT_DATETIME_FORMAT")
        return gettext("Scheduled for %(time)s") % {"time": moment}
    return STATUS_LABELS.get(job.status, job.status)


def error_line(job):
    """A failed job's exception class and the traceback's last line (its message)."""
    if job.status != TaskResultStatus.FAILED:
        return ""
    path = job.exception_class_path
    name = path.rsplit(".", 1)[-1]
    lines = job.traceback.strip().splitlines()
    message = lines[-1].strip() if lines else ""
    for prefix in (path, name):
        if prefix and message.startswith(prefix):
            message = message[len(prefix) :].lstrip(":").strip()
            break
    text = f"{name}: {message}" if name and message else name or message
    return Truncator(text).chars(ERROR_LENGTH)


def with_retries(jobs):
    """Mark each failed job `retried` when its retry is in the queue: a later job of
    the same task, with the same arguments but for the next attempt. One query for
    the whole page."""
    failed = [job for job in jobs if job.status == TaskResultStatus.FAILED]
    for job in jobs:
        job.retried = None
    if not failed:
        return jobs
    candidates = DBTaskResult.objects.filter(
        task_path__in={job.task_path for job in failed},
        args_kwargs__kwargs__attempt__in={attempt(job) + 1 for job in failed},
        enqueued_at__gte=min(job.enqueued_at for job in failed),
    ).only("task_path", "args_kwargs", "enqueued_at")
    retries = [(retry, arguments_but_attempt(retry)) for retry in candidates]
    for job in failed:
        arguments = arguments_but_attempt(job)
        job.retried = any(
            retry.task_path == job.task_path
            and attempt(retry) == attempt(job) + 1
            and retry.enqueued_at >= job.enqueued_at
            and retry_arguments == arguments
            for retry, retry_arguments in retries
        )
    return jobs


def arguments_but_attempt(job):
    kwargs = dict(job.args_kwargs.get("kwargs", {}))
    kwargs.pop("attempt", None)
    return job.args_kwargs.get("args", []), kwargs


def retried_label(job):
    if job.retried is None:
        return ""
    return gettext("Yes") if job.retried else gettext("No")


class JobStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(value, label) for value, (label, _status) in STATUS_FILTERS.items()],
        empty_label=_("Any status"),
        method="filter_status",
    )

    class Meta:
        model = DBTaskResult
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(status=STATUS_FILTERS[value][1])


class JobActionsColumn(Column):
    """Retry (failed jobs whose automatic retry is not queued: retrying one that is would
    run it twice, sending an email twice) and Discard (waiting and failed jobs)."""

    cell_template_name = "jobs/job_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["csrf_token"] = get_token(request)
        context["next_url"] = parent_context["table"].next_url
        context["actions"] = []
        if instance.status == TaskResultStatus.FAILED and not instance.retried:
            context["actions"].append(
                (reverse("background_jobs_retry", args=[instance.pk]), _("Retry"), "")
            )
        if instance.status in DISCARDABLE:
            context["actions"].append(
                (reverse("background_jobs_discard", args=[instance.pk]), _("Discard"), "no")
            )
        return context


class BackgroundJobsReportView(ReportView):
    page_title = _("Background jobs")
    header_icon = "cogs"
    template_name = "jobs/background_jobs_report.html"
    index_url_name = "background_jobs_report"
    index_results_url_name = "background_jobs_report_results"
    filterset_class = JobStatusFilterSet
    default_ordering = "-enqueued_at"
    paginate_by = 50

    columns = [
        Column("job", label=_("Job"), accessor=job_name),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=status_label,
            primary=lambda job: job.status == TaskResultStatus.FAILED,
        ),
        DateColumn("enqueued_at", label=_("Queued"), sort_key="enqueued_at"),
        DateColumn("started_at", label=_("Started")),
        DateColumn("finished_at", label=_("Finished")),
        Column("error", label=_("Error"), accessor=error_line),
        Column("retried", label=_("Retried"), accessor=retried_label),
        JobActionsColumn("actions", label=_("Actions")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_jobs(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False  # no spreadsheet: a job's arguments stay in the queue

    def get_base_queryset(self):
        return DBTaskResult.objects.defer("return_value", "worker_ids")

    def order_queryset(self, queryset):
        # The same moment twice keeps one order from page to page.
        ordering = self.ordering
        return queryset.order_by(ordering, "-pk" if ordering.startswith("-") else "pk")

    def get_table(self, object_list):
        table = super().get_table(with_retries(list(object_list)))
        query = self.request.GET.copy()
        query.pop("_w_filter_fragment", None)
        table.next_url = f"{self.index_url}?{query.urlencode()}" if query else self.index_url
        return table

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.results_only:
            context["queue"] = queue_summary()
        return context


def age(seconds):
    """How long ago, in words ("less than a minute", "5 minutes")."""
    if seconds < 60:
        return gettext("less than a minute")
    now = timezone.now()
    return timesince(now - timedelta(seconds=seconds), now)


def queue_summary():
    state = queue_state()
    oldest, heartbeat = state["oldest_waiting_seconds"], state["last_heartbeat_seconds"]
    return {
        "waiting": state["waiting"],
        "oldest_age": age(oldest) if oldest is not None else None,
        "heartbeat_age": age(heartbeat) if heartbeat is not None else None,
        "worker_missing": state["worker"] != "ok",
    }


class JobActionView(View):
    """A button of the report: POST only, for superusers, then back to the report."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_jobs(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        job = DBTaskResult.objects.filter(pk=pk).first()
        if job is None:
            messages.error(request, gettext("That job no longer exists."))
        else:
            self.act(request, job)
        return redirect(
            get_valid_next_url_from_request(request)
            or reverse(BackgroundJobsReportView.index_url_name)
        )


class RetryJobView(JobActionView):
    """Queue a failed job's task again with the same arguments, to run now. The failed
    job stays in the list as what happened."""

    def act(self, request, job):
        name = job_name(job)
        if job.status != TaskResultStatus.FAILED:
            messages.error(
                request,
                gettext("%(job)s has not failed: only a failed job can be retried.")
                % {"job": name},
            )
            return
        if with_retries([job])[0].retried:
            messages.error(
                request,
                gettext("%(job)s will be tried again by itself: its next attempt is queued.")
                % {"job": name},
            )
            return
        try:
            # The same task, queue, priority and backend, but due now: not after the
            # delay the failed attempt may have waited for.
            task = replace(job.task, run_after=None)
        except (ImportError, SuspiciousOperation, InvalidTaskBackendError, InvalidTaskError):
            messages.error(
                request,
                gettext("%(job)s cannot be retried: its task no longer exists.") % {"job": name},
            )
            return
        task.enqueue(*job.args_kwargs.get("args", []), **job.args_kwargs.get("kwargs", {}))
        messages.success(
            request,
            gettext("%(job)s is queued again: it will run when a worker is free.") % {"job": name},
        )


class DiscardJobView(JobActionView):
    """Delete a waiting or failed job. A job a worker has taken meanwhile stays."""

    def act(self, request, job):
        name = job_name(job)
        # Only while it still waits or has failed: a worker may have taken it since the
        # page was shown (the delete waits for the worker's lock, then finds it running).
        deleted, _rows = DBTaskResult.objects.filter(pk=job.pk, status__in=DISCARDABLE).delete()
        if deleted:
            messages.success(request, gettext("%(job)s discarded.") % {"job": name})
            return
        status = DBTaskResult.objects.filter(pk=job.pk).values_list("status", flat=True).first()
        if status == TaskResultStatus.RUNNING:
            message = gettext("%(job)s is running: a running job cannot be discarded.")
        elif status is None:
            message = gettext("That job no longer exists.")
        else:
            message = gettext(
                "%(job)s has finished: only waiting and failed jobs can be discarded."
            )
        messages.error(request, message % {"job": name})
