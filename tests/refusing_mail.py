"""An email backend standing for a mail server that refuses every recipient, echoing
each address back the way real servers do."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        recipients = [address for message in email_messages for address in message.recipients()]
        raise smtplib.SMTPRecipientsRefused(
            {
                address: (550, f"5.1.1 <{address}>: Recipient address rejected".encode())
                for address in recipients
            }
        )
