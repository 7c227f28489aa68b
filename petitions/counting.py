"""Counting signatures, and the goal that rises with the count.

Counts change without anyone publishing. A new signature shows on the petition's pages
within COUNT_MAX_AGE seconds: caches (the page cache, shared caches, the count itself)
keep a page or a count that long at most.
"""

import contextlib
import itertools

from django.core.cache import cache
from django.db.models import Count

from petitions.signatures import Signature

COUNT_MAX_AGE = 5


def count_cache_key(petition_key):
    return f"petitions:signature-count:{petition_key}"


def signature_counts(petition_keys):
    """Signatures per petition (translation key), each count at most COUNT_MAX_AGE seconds old.

    Counting a viral petition's signatures takes the database a while, and every view of
    it would; the counts missing from the cache are counted in one query.
    """
    keys = {key: count_cache_key(key) for key in petition_keys}
    cached = cache.get_many(keys.values())
    counts = {key: cached[cache_key] for key, cache_key in keys.items() if cache_key in cached}
    missing = [key for key in keys if key not in counts]
    if missing:
        counted = dict(
            Signature.objects.filter(petition_key__in=missing)
            .order_by()
            .values("petition_key")
            .annotate(total=Count("pk"))
            .values_list("petition_key", "total")
        )
        fresh = {key: counted.get(key, 0) for key in missing}
        cache.set_many({keys[key]: count for key, count in fresh.items()}, COUNT_MAX_AGE)
        counts.update(fresh)
    return counts


def count_new_signature(petition_key):
    """Add a signature just stored to the cached count, so that its signer sees it counted."""
    with contextlib.suppress(ValueError):  # not cached: the next view counts it
        cache.incr(count_cache_key(petition_key))


def goal_ladder():
    """100, 200, 300, 500, 800, 1,000, 1,500, 2,000, 3,000, 5,000, 10,000, 15,000, ..."""
    yield from (100, 200, 300, 500, 800)
    for power in itertools.count(3):
        for step in (1, 1.5, 2, 3, 5):
            yield int(step * 10**power)


def next_goal(count):
    """The first step of the goal ladder above `count`."""
    return next(step for step in goal_ladder() if step > count)
