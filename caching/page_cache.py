"""Serve anonymous visitors' page views from the cache, and never serve a stale or personal one.

What is cached: GET and HEAD responses with status 200 to visitors with no session and
no pending messages, under a language prefix (/en/..., /es/...), with only known query
parameters. The key holds the host, the path (so the language) and those parameters.

Why it is never wrong:
- Content changes (a page published, unpublished, moved or deleted, any snippet, setting,
  image, document, site, locale or view restriction saved or deleted) give the cache a new
  generation, a random token stored with every page, so that nothing cached before the
  change is served again. The generation changes again once the change is committed, so
  that a page rendered from the database while the change was being saved is dropped
  too. It lives in the cache itself (with several web processes, set REDIS_URL so they
  share it), is read once per request, with the page in the same round trip, and is
  simply replaced if the cache evicts it. caching.lookups keys its answers on it as well.
- Pages whose content changes without an edit (a petition's count) say how long they
  may be served for with Cache-Control max-age, which caps the time here.
- Cached copies hold no CSRF token: each token is replaced with a placeholder when
  stored and with the current visitor's own token when served, so forms work from a
  cached page. Cookies are never stored. Editors (who have a session) always get a fresh
  page, and so never see another visitor's page or the user bar.
"""

import hashlib
import re
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import get_max_age, patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language_from_path

GENERATION_KEY = "page-cache:generation"
CSRF_PLACEHOLDER = "__hub_csrf_token__"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
TRACKING_PARAMETERS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$")
CACHED_HEADERS = ("Content-Type", "Content-Language", "Vary", "Cache-Control", "Last-Modified")


# The request being served: the generation it read first, which it keeps to its end.
_request_generation = ContextVar("page_cache_generation", default=None)


def new_generation():
    return uuid.uuid4().hex


def pin(value):
    """Keep `value` as the generation for the rest of the request being served."""
    pinned = _request_generation.get()
    if pinned is not None:
        pinned["value"] = value


def generation():
    """The current generation, read from the cache once per request."""
    pinned = _request_generation.get()
    if pinned is not None and "value" in pinned:
        return pinned["value"]
    value = cache.get_or_set(GENERATION_KEY, new_generation, timeout=None)
    pin(value)
    return value


def start_new_generation():
    value = new_generation()
    cache.set(GENERATION_KEY, value, timeout=None)
    pin(value)


def invalidate_all():
    """Make every cached page stale: called whenever content a page may show changes."""
    start_new_generation()
    transaction.on_commit(start_new_generation)


def cache_key(request):
    """The request's key, or None when it must not come from or go to the cache."""
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return None
    if not get_language_from_path(request.path_info):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    parameters = []
    for name, values in sorted(request.GET.lists()):
        if TRACKING_PARAMETERS.match(name):
            continue
        if name not in settings.PAGE_CACHE_QUERY_PARAMETERS or len(values) != 1:
            return None
        parameters.append(f"{name}={values[0]}")
    url = f"{request.get_host()}{request.path}?{'&'.join(parameters)}"
    return f"page-cache:{hashlib.sha256(url.encode()).hexdigest()}"


def storable(response):
    if response.status_code != 200 or response.streaming:
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    # Only the cookies the middlewares outside this one set again on every hit.
    allowed_cookies = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return set(response.cookies) <= allowed_cookies


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = _request_generation.set({})
        try:
            return self.serve(request)
        finally:
            _request_generation.reset(pinned)

    def serve(self, request):
        key = cache_key(request)
        if key is None:
            return self.get_response(request)

        # The page and the current generation in one round trip: a copy stored under an
        # older generation is stale.
        found = cache.get_many([GENERATION_KEY, key])
        if GENERATION_KEY in found:
            pin(found[GENERATION_KEY])
        current = generation()
        cached = found.get(key)
        if cached is not None and cached["generation"] == current:
            return self.restore(request, cached)

        response = self.get_response(request)
        if storable(response):
            timeout = settings.PAGE_CACHE_SECONDS
            max_age = get_max_age(response)
            if max_age is not None:
                timeout = min(timeout, max_age)
            if timeout > 0:
                cache.set(key, {**self.freeze(response), "generation": current}, timeout)
        response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def freeze(response):
        headers = {name: response[name] for name in CACHED_HEADERS if name in response}
        content = CSRF_INPUT.sub(
            rb"\g<1>" + CSRF_PLACEHOLDER.encode() + rb"\g<2>", response.content
        )
        frozen = {"status": response.status_code, "headers": headers, "content": content}
        if CSRF_PLACEHOLDER.encode() not in content:
            # The same for every visitor: compressed once here rather than on every hit
            # (GZipMiddleware compresses pages with a form, each with its own token).
            frozen["gzipped"] = compress_string(content)
        return frozen

    @staticmethod
    def restore(request, cached):
        content = cached["content"]
        placeholder = CSRF_PLACEHOLDER.encode()
        if placeholder in content:
            content = content.replace(placeholder, get_token(request).encode())
        gzipped = cached.get("gzipped")
        accepts_gzip = re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        response = HttpResponse(
            gzipped if gzipped and accepts_gzip else content, status=cached["status"]
        )
        for name, value in cached["headers"].items():
            response[name] = value
        if gzipped and accepts_gzip:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        response["X-Page-Cache"] = "hit"
        return response
