"""Delivering queued email (mail.backends.QueuedEmailBackend queues it)."""

import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django_tasks import task

from jobs.retries import queue_retry
from mail.messages import from_json


class DeliveryFailed(Exception):
    """Delivery failed; the message names the error, never an address."""


def describe(error):
    """What went wrong, without what the mail server may have echoed (an address)."""
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__}: the mail server answered {error.smtp_code}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return (
            f"{type(error).__name__}: the mail server refused {len(error.recipients)} recipient(s)"
        )
    if isinstance(error, smtplib.SMTPServerDisconnected):  # "...: timed out", no address
        return f"{type(error).__name__}: {error}"
    if isinstance(error, OSError) and error.strerror:
        return f"{type(error).__name__}: {error.strerror}"
    return type(error).__name__


@task()
def deliver_email(message, attempt=1):
    """Send one message through MAIL_DELIVERY_BACKEND. On failure the job fails with the
    error (without addresses) and, unless it was the last of JOB_ATTEMPTS, a retry is
    queued after a growing delay (jobs.retries)."""
    try:
        connection = get_connection(settings.MAIL_DELIVERY_BACKEND, fail_silently=False)
        from_json(message, connection).send()
    except Exception as error:
        retried = queue_retry(deliver_email, attempt, message=message)
        outcome = "retrying later" if retried else f"giving up after {attempt} attempts"
        raise DeliveryFailed(f"Attempt {attempt}: {describe(error)}; {outcome}.") from None
