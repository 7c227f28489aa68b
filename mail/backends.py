"""The email backend every part of Hub (and Wagtail, and Django) sends through.

Sending a message only queues it (mail.tasks.deliver_email): no visitor's or editor's
request ever waits on a mail server. The worker delivers it through
MAIL_DELIVERY_BACKEND (the EMAIL_BACKEND environment variable: SMTP by default, the
console in development), retrying with backoff when delivery fails.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

from mail.messages import to_json
from mail.tasks import deliver_email

logger = logging.getLogger(__name__)


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            try:
                deliver_email.enqueue(message=to_json(message))
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("Could not queue an email (subject %r)", message.subject)
                continue
            queued += 1
        return queued
