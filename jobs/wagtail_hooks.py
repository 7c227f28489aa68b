"""The Background jobs report in the admin's Reports menu, with its Retry and Discard
buttons' URLs; superusers only."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from admin_registration.reports import register_report
from jobs.views import BackgroundJobsReportView, DiscardJobView, RetryJobView, can_see_jobs

REPORT_PATH = "reports/background-jobs/"

register_report(
    BackgroundJobsReportView,
    path=REPORT_PATH,
    label=_("Background jobs"),
    icon="cogs",
    order=9000,
    is_shown=can_see_jobs,
)


@hooks.register("register_admin_urls")
def register_job_action_urls():
    return [
        path(
            f"{REPORT_PATH}<uuid:pk>/retry/", RetryJobView.as_view(), name="background_jobs_retry"
        ),
        path(
            f"{REPORT_PATH}<uuid:pk>/discard/",
            DiscardJobView.as_view(),
            name="background_jobs_discard",
        ),
    ]
