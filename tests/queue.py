"""The background queue in tests: the database backend, and its waiting jobs run here."""

from django_tasks_db.models import DBTaskResult

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_waiting_jobs():
    """Run every job that is due, oldest first, as a worker would, in this process and
    its test transaction (the worker's own loop closes database connections); jobs they
    queue run too. Returns how many ran."""
    ran = 0
    while job := DBTaskResult.objects.ready().order_by("enqueued_at").first():
        job.claim("test")
        try:
            value = job.task.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])
        except Exception as error:
            job.set_failed(error)
        else:
            job.set_successful(value)
        ran += 1
    return ran
