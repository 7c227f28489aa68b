"""The thank-you email a signer gets, in the language they signed in.

Sending only queues it (mail.backends): the worker delivers it, with retries, so a slow
or broken mail server never holds up a signer.
"""

import logging

from django.core.mail import send_mail
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def send_confirmation(signature, page, request):
    """Queue the signer's email; a queue that cannot be reached never costs them their
    signature (it is stored before this runs)."""
    with translation.override(signature.language):
        subject = _("Thank you for signing: %(title)s") % {"title": page.title}
        body = render_to_string(
            "petitions/confirmation_email.txt",
            {"signature": signature, "page": page, "url": page.get_full_url(request)},
        )
    try:
        send_mail(subject, body, None, [signature.email])
    except (OSError, DatabaseError) as error:  # their text may hold the address
        logger.warning(
            "Could not queue the thank-you email for petition %s: %s",
            page.translation_key,
            type(error).__name__,
        )
