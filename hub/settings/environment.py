"""Reading the environment: every setting that differs between deployments comes through
these, so a malformed value stops the site at start with a message naming the variable.

Imported by the settings modules and by hub/gunicorn.py; it imports nothing of Django's
settings, so gunicorn can read its own configuration before Django starts.
"""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name, default=""):
    """The variable's value, or `default` when it is unset or empty."""
    return os.environ.get(name) or default


def env_bool(name, default=False):
    value = env_str(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=()):
    value = env_str(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = env_str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
