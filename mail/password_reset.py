"""The admin's password reset, answered alike for every address.

Django's form looks the address up and sends mail inside the request, so a known
address answers later than an unknown one, and a slow mail server turns it into an
error: both tell a stranger which addresses have accounts. Here the request only queues
a job, the same for any address; the worker looks the address up and, for an active
account, sends the usual email (through the queue, with its retries).
Settings: WAGTAILADMIN_USER_PASSWORD_RESET_FORM names QueuedPasswordResetForm.
"""

from django.utils import translation
from django_tasks import task
from wagtail.admin.forms.auth import PasswordResetForm


class QueuedPasswordResetForm(PasswordResetForm):
    def save(
        self,
        domain_override=None,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.html",
        use_https=False,
        token_generator=None,
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ):
        send_password_reset.enqueue(
            email=self.cleaned_data["email"],
            domain=domain_override or request.get_host(),
            use_https=use_https,
            language=translation.get_language(),
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
        )


@task()
def send_password_reset(
    email,
    domain,
    use_https,
    language,
    subject_template_name,
    email_template_name,
    html_email_template_name=None,
):
    """Email a reset link to each active account with this address (none: nothing)."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
        )
