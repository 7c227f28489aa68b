"""The thank-you email a signer gets, in the language they signed in."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def send_confirmation(signature, page, request):
    """Email the signer; a mail server that is down never costs them their signature."""
    with translation.override(signature.language):
        subject = _("Thank you for signing: %(title)s") % {"title": page.title}
        body = render_to_string(
            "petitions/confirmation_email.txt",
            {"signature": signature, "page": page, "url": page.get_full_url(request)},
        )
    try:
        send_mail(subject, body, None, [signature.email])
    except OSError as error:  # smtplib's errors included; their text may hold the address
        logger.warning(
            "Could not send the thank-you email for petition %s: %s",
            page.translation_key,
            type(error).__name__,
        )
