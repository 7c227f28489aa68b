"""The worker process: `manage.py run_worker` (make worker; make run starts one)."""

import logging
import os
import socket

from django.core.management import call_command
from django.core.management.base import BaseCommand

from jobs import schedule


def warnings_and_worse(record):
    return record.levelno >= logging.WARNING


class Command(BaseCommand):
    help = (
        "Run queued background jobs (email, CDN purges, search index updates) and keep "
        "the schedule (scheduled publishing, petition deadlines, housekeeping). Run one "
        "or more; they share the queue in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait when the queue is empty before looking again (default 1).",
        )
        parser.add_argument(
            "--worker-id",
            default=f"{socket.gethostname()}-{os.getpid()}"[:64],
            help="A name unique among the running workers (default: host and process id).",
        )

    def handle(self, *args, interval, worker_id, verbosity, **options):
        if verbosity < 2:
            # Two lines for every job (started, finished) would bury what matters, such as
            # the email the development console shows; failures still show (-v 2: all).
            logging.getLogger("django_tasks").addFilter(warnings_and_worse)
        scheduler = schedule.start(worker_id)
        try:
            # django_tasks_db's worker: takes each due job with SELECT ... FOR UPDATE
            # SKIP LOCKED (an exclusive transaction on SQLite), so no job runs twice.
            call_command(
                "db_worker",
                queue_name="*",
                interval=interval,
                reload=False,
                worker_id=worker_id,
                verbosity=verbosity,
            )
        finally:
            scheduler.shutdown(wait=False)
