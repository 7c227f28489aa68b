from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background jobs: the worker process, its schedule, its heartbeat and retries,
    and the admin report of the queue (Django's tasks API, database backend)."""

    name = "jobs"
    verbose_name = _("Background jobs")
