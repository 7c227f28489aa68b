"""Local development: debug on, a throwaway secret key, mail printed to the console."""

from .base import *  # noqa: F403
from .environment import env_bool, env_int, env_list, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# The worker prints each email it delivers.
MAIL_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Template and content changes show at once while developing.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
