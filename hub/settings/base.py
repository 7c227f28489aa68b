"""Settings shared by every environment.

Anything that differs between deployments is read from the environment; the dev,
test and production modules only change what those environments need changed.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from .environment import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")


INSTALLED_APPS = [
    "hub",
    "streamfield",
    "caching",
    "listings",
    "trusted_proxies",
    "admin_registration",
    "jobs",
    "mail",
    "demo",
    "home",
    "resources",
    "petitions",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hub.middleware.AdminNetworkMiddleware",
    "hub.middleware.PermissionsPolicyMiddleware",
    "hub.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, which serves static files compressed ahead of time; before
    # everything that reads or rewrites the page (the page cache swaps CSRF tokens).
    "hub.middleware.GZipPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "home.middleware.LanguageCookieMiddleware",
    "hub.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "caching.page_cache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# Database: DATABASE_URL, or an SQLite file in the project root.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web server writes from several threads or processes at once: WAL lets
    # readers carry on during a write, IMMEDIATE takes the write lock at the start
    # of a transaction instead of failing halfway, and the timeout waits for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Cache and sessions: Redis when REDIS_URL is set (shared by every web process and
# node, so any node can serve any request), else local memory and database sessions.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, made cheaper per command (caching/redis.py).
            "BACKEND": "caching.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("REDIS_KEY_PREFIX", "hub"),
        }
    }
    # Read from Redis, written through to the database: a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hub",
        }
    }

# Wagtail writes each image rendition it uses to the "renditions" cache on every render.
# Keep that in each process rather than send it to Redis: rendition keys name the image
# file's hash, so a replaced image file never finds an old rendition.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Anonymous page views are served from the cache for up to this many seconds (0: off);
# see caching/page_cache.py. Query parameters outside this list bypass the cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_QUERY_PARAMETERS = ["page", "q", "type", "topic"]


AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Internationalisation: English is the source language, Spanish its translation.
# Language names are written in their own language, as the switcher shows them.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "America/Phoenix")
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own date formats where Django's differ from how the group writes dates ("3 June 2018").
FORMAT_MODULE_PATH = ["hub.formats"]

# Starting a translation must not publish an untranslated copy under /es/.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation is off unless a service is configured: DeepL with DEEPL_API_KEY,
# else LibreTranslate with LIBRETRANSLATE_URL (and LIBRETRANSLATE_API_KEY if it needs one).
# Translators then get "Translate with machine" in the translation editor.
DEEPL_API_KEY = env_str("DEEPL_API_KEY", "")
LIBRETRANSLATE_URL = env_str("LIBRETRANSLATE_URL", "")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        # "tú", not "usted": the site speaks to readers informally.
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY, "FORMALITY": "prefer_less"},
    }
elif LIBRETRANSLATE_URL:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL.rstrip("/"),
            "API_KEY": env_str("LIBRETRANSLATE_API_KEY", ""),
        },
    }


# Static files and media.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Images and documents in S3-compatible object storage when a bucket is named, so
# every web node sees every upload. Documents are still served through Django (below).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            "location": env_str("AWS_LOCATION", ""),
            # Uploads are public images and documents; links must not expire.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "default_acl": env_str("AWS_DEFAULT_ACL") or None,
            "file_overwrite": False,
        },
    }
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
    elif AWS_S3_ENDPOINT_URL:
        endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        MEDIA_ORIGINS = [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://*.{endpoint.netloc}",
        ]
    else:
        MEDIA_ORIGINS = ["https://*.amazonaws.com"]


# Wagtail.
WAGTAIL_SITE_NAME = "Hub"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# One database search backend per language (see search/backends): each indexes its
# language's pages with that language's stemming, and searches go to the reader's.
# Each admin user picks English or Spanish in their account preferences.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends", "LANGUAGE": "en", "SEARCH_CONFIG": "english"},
    "spanish": {"BACKEND": "search.backends", "LANGUAGE": "es", "SEARCH_CONFIG": "spanish"},
}
# The admin asks nobody else: no update check, no Gravatar for editors' faces.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# CDN purge on publish: an HTTP purge endpoint (Varnish, nginx) and/or Cloudflare.
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL"),
    }
if env_str("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env_str("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env_str("CLOUDFLARE_ZONE_ID", ""),
    }

# Uploads: only these types, checked by content (resources.document_forms, Willow for images),
# and no larger than these sizes in bytes.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "epub", "pptx", "zip"]
# Documents know the language they are written in (resources/models/documents.py).
WAGTAILDOCS_DOCUMENT_MODEL = "resources.ResourceDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.document_forms.DocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Documents always download (Content-Disposition: attachment, nosniff), through
# Django even from object storage, so an uploaded file never runs as this site's page.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []


# Security headers sent in every environment; production adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# No framing (Django's default X_FRAME_OPTIONS, DENY): Wagtail's preview sets its own
# SAMEORIGIN, and only the admin's policy lets the admin frame itself.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}
# Video providers whose players editors embed.
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES",
    ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "frame-src": ["'self'", *CSP_FRAME_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin still needs inline scripts and styles (panels, widgets, previews).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
        "frame-ancestors": ["'self'"],
    }
}

# /admin/ only from these networks (comma-separated CIDR), when set. The client
# address is REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the address
# the outermost trusted proxy saw (counted from the right of X-Forwarded-For).
ADMIN_ALLOWED_NETWORKS = env_list("ADMIN_ALLOWED_NETWORKS")
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Brute-force protection for the admin login (django-axes).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "trusted_proxies.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hub.views.login_locked_out"

# A form posted without a valid CSRF token gets a page in the visitor's language.
CSRF_FAILURE_VIEW = "home.views.csrf_failure"

# Background jobs (README, Background jobs): Django's tasks API (the django-tasks
# backport Wagtail uses) with its database backend, so the queue lives in the site's own
# database and any number of workers (`manage.py run_worker`) share it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A failed job that retries (email) tries JOB_ATTEMPTS times in all, waiting
# JOB_RETRY_BASE_SECONDS, then four times longer at each attempt (30 s, 2 min, 8 min, 32 min).
JOB_ATTEMPTS = env_int("JOB_ATTEMPTS", 5)
JOB_RETRY_BASE_SECONDS = env_int("JOB_RETRY_BASE_SECONDS", 30)
# Finished jobs (and their arguments, which may hold an email address) are deleted after this.
JOB_RESULT_DAYS = env_int("JOB_RESULT_DAYS", 7)
# Each worker records a heartbeat this often; /healthz answers 503 once no worker has been
# seen for WORKER_STALE_SECONDS (0: never).
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 120)
# What the workers run on a schedule (jobs.schedule): crontab lines in UTC.
SCHEDULED_JOBS = {
    "publish-scheduled-pages": {
        "task": "jobs.tasks.publish_scheduled_pages",
        "schedule": env_str("SCHEDULE_PUBLISHING", "* * * * *"),
    },
    "close-petitions-past-deadline": {
        "task": "petitions.tasks.close_petitions_past_deadline",
        "schedule": env_str("SCHEDULE_PETITION_DEADLINES", "* * * * *"),
    },
    "trim-search-query-log": {
        "task": "jobs.tasks.trim_search_query_log",
        "schedule": "17 3 * * *",
    },
    "prune-finished-jobs": {
        "task": "jobs.tasks.prune_finished_jobs",
        "schedule": "27 3 * * *",
    },
}
# Wagtail's search-promotion query log keeps daily counts this many days.
WAGTAILSEARCH_HITS_MAX_AGE = env_int("SEARCH_QUERY_LOG_DAYS", 30)

# Email: sending only queues a message (mail.backends); the worker delivers it through
# EMAIL_BACKEND (SMTP with the settings below, or any Django email backend, such as an
# email provider's through django-anymail) and retries when that fails.
EMAIL_BACKEND = "mail.backends.QueuedEmailBackend"
MAIL_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Hub <no-reply@localhost>")
# The admin's password reset answers alike for every address (mail.password_reset).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "mail.password_reset.QueuedPasswordResetForm"

# Petitions.
# At most N signing attempts from one IP address every S seconds ("N/S"), counted in
# the shared cache so that the limit holds across web processes.
PETITION_RATE_LIMIT = env_str("PETITION_RATE_LIMIT", "20/600")
# Email each signer a thank-you in the language they signed in.
PETITION_CONFIRMATION_EMAIL = env_bool("PETITION_CONFIRMATION_EMAIL", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per job is noise (failures still show: the worker's report, /healthz and
    # the admin's Background jobs report tell the rest), and so is django-axes' greeting
    # at every start (its lockout warnings still show).
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "apscheduler": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},
    },
}
