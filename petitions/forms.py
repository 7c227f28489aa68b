"""The form visitors sign a petition with."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from petitions.signatures import Signature

# Hidden from people by CSS and from screen readers; bots fill in every field they see.
HONEYPOT_FIELD = "website"

UNREADABLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def validate_name(value):
    """Refuse markup and characters that are not text (a non-UTF-8 body decodes to U+FFFD)."""
    if "<" in value or ">" in value:
        raise ValidationError(_("Please write your name without < or > signs."), code="markup")
    if any(
        char == "\ufffd" or unicodedata.category(char) in UNREADABLE_CATEGORIES for char in value
    ):
        raise ValidationError(
            _("Your name has characters we can't read. Please type it again."), code="unreadable"
        )


validate_postal_code = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$",
    message=_("Enter a valid ZIP code, e.g. 85007."),
    code="invalid_postal_code",
)


class SignatureForm(forms.ModelForm):
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Signature
        fields = ["first_name", "last_name", "email", "postal_code", "opt_in"]
        error_messages = {
            field: {
                "required": _("Please fill in this field."),
                "max_length": _(
                    "Please keep it to %(limit_value)d characters (it has %(show_value)d)."
                ),
            }
            for field in ("first_name", "last_name", "email", "postal_code")
        }
        error_messages["email"]["invalid"] = _(
            "Enter a valid email address, e.g. name@example.org."
        )
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "postal_code": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),
        }

    def __init__(self, *args, opt_in_label, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["opt_in"].label = opt_in_label
        for name in ("first_name", "last_name"):
            self.fields[name].validators.append(validate_name)
        self.fields["postal_code"].validators.append(validate_postal_code)

    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean_email(self):
        """One signature per email: case and surrounding spaces do not make a new one."""
        return self.cleaned_data["email"].strip().casefold()

    def clean_postal_code(self):
        return self.cleaned_data["postal_code"].strip().upper()
