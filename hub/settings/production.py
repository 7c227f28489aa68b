"""Production: every secret and host comes from the environment, or the site refuses to start.

HTTPS only: HSTS, a redirect to HTTPS, and cookies that never travel over plain HTTP.
The headers sent in every environment (CSP, Referrer-Policy, Permissions-Policy,
nosniff) are in base.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, STORAGES
from .environment import env_bool, env_int, env_list, env_str

DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment to run with production settings.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set ALLOWED_HOSTS in the environment (comma-separated host names) "
        "to run with production settings."
    )

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer checks health over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/node)?$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Behind a proxy that terminates TLS: the header it sets and the value that means
# HTTPS, as "X-Forwarded-Proto: https". Only set it if the proxy always overwrites it.
if env_str("SECURE_PROXY_SSL_HEADER"):
    header, _, value = env_str("SECURE_PROXY_SSL_HEADER").partition(":")
    if not value.strip():
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must look like 'X-Forwarded-Proto: https'."
        )
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + header.strip().upper().replace("-", "_"),
        value.strip(),
    )

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
