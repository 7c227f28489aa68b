"""Limit how often one IP address may sign, without keeping the address itself.

The count lives in Django's default cache, which is Redis in production, so the limit
holds across every web process. Addresses are only ever kept as salted hashes.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import salted_hmac


def parse_rate(value):
    """Read a rate such as "10/600": ten signing attempts every 600 seconds."""
    try:
        limit, seconds = (int(part) for part in value.split("/"))
    except ValueError:
        limit = seconds = 0
    if limit < 1 or seconds < 1:
        raise ImproperlyConfigured(
            f"PETITION_RATE_LIMIT must look like 10/600 (attempts/seconds), not {value!r}."
        )
    return limit, seconds


def ip_hash(address):
    return salted_hmac("petitions.ip", address, algorithm="sha256").hexdigest()


def over_limit(address_hash):
    """Count one signing attempt from this address; True once it is over the limit."""
    limit, seconds = parse_rate(settings.PETITION_RATE_LIMIT)
    key = f"petitions:signing-attempts:{address_hash}"
    cache.add(key, 0, timeout=seconds)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
        attempts = 1
    return attempts > limit
