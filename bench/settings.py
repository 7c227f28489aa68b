"""Production settings, plus the framework floor's URL (bench/urls.py), for the benchmark only."""

from hub.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
