"""gunicorn's settings for Hub (`gunicorn -c hub/gunicorn.py hub.wsgi`), from the environment.

The access log leaves out the client address and the query string: petition
visitors' addresses and whatever a link carries after "?" are personal data.
"""

import multiprocessing

from hub.settings.environment import env_int, env_str

bind = env_str("BIND") or f"127.0.0.1:{env_int('PORT', 8000)}"
workers = env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = env_int("GUNICORN_THREADS", 1)
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = timeout
# Recycling workers (after N requests each) guards against a slow leak, but while the
# arbiter replaces a worker its requests wait: at 1,000 a worker busy with a viral petition
# was recycled every few seconds, which cost 40% of the throughput and put p99 at 1 s
# (`make bench`). Off by default; set it where a leak is suspected.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
# Load the app before forking: workers share its memory and a broken deploy fails at once.
preload_app = True
# Only the proxy in front may set X-Forwarded-* (FORWARDED_ALLOW_IPS, gunicorn's own).
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
errorlog = "-"
loglevel = env_str("LOG_LEVEL", "info").lower()
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
