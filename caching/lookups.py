"""What every page view looks up again and again, remembered in each process until content changes.

Serving a page asks the database the same questions each time: which site this host
is, which page a path leads to, whether that page is private, what the header and
footer say, which posts a listing holds. The answers change only when content does,
and every content change moves the generation of the page cache
(caching.invalidation). So each web process keeps the answers for the current
generation and drops them all as soon as it sees another one: a request reads the
generation once (caching.page_cache pins it for the request) and then asks nothing the
database has already answered.

Pages themselves are never kept: a remembered route gives a page's type and id, and
the page is loaded fresh, so what changes without an edit (a petition's count) is
always read anew.
"""

from django.core.exceptions import EmptyResultSet
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site

from caching.page_cache import generation

# A process forgets everything when it holds this many answers (routes, listings).
MAX_ANSWERS = 20_000


class Answers:
    def __init__(self, generation):
        self.generation = generation
        self.values = {}


_answers = Answers(None)


def current_answers():
    global _answers
    current = generation()
    answers = _answers
    if answers.generation != current or len(answers.values) >= MAX_ANSWERS:
        answers = _answers = Answers(current)
    return answers.values


def remember(key, compute):
    """compute(), or its answer from earlier in this generation."""
    values = current_answers()
    try:
        return values[key]
    except KeyError:
        value = values[key] = compute()
        return value


def remembered_instances(model, ids):
    """The `model` objects with these ids, by id, remembered until content changes; those
    not remembered yet are fetched in one query. Only for models whose every change moves
    the generation (caching.invalidation), such as documents."""
    values = current_answers()
    found = {pk: values[("instance", model, pk)] for pk in ids if ("instance", model, pk) in values}
    missing = set(ids) - found.keys()
    if missing:
        fetched = model._default_manager.in_bulk(missing)
        for pk in missing:
            found[pk] = values[("instance", model, pk)] = fetched.get(pk)
    return found


def active_locale():
    """Locale.get_active(), remembered."""
    return remember(("locale", get_language()), Locale.get_active)


def restricted_paths():
    """Tree paths under which pages are private: each page with a view restriction, and
    each alias of one (an alias has its source's restrictions)."""

    def find():
        restricted = dict(PageViewRestriction.objects.values_list("page_id", "page__path"))
        paths, sources = set(restricted.values()), set(restricted)
        while sources:
            aliases = dict(Page.objects.filter(alias_of_id__in=sources).values_list("pk", "path"))
            sources = set(aliases) - restricted.keys()
            restricted.update(aliases)
            paths.update(aliases.values())
        return tuple(sorted(paths))

    return remember(("restricted-paths",), find)


def is_restricted(page):
    """Whether a view restriction may apply to `page`; False only when none can."""
    return any(page.path.startswith(path) for path in restricted_paths())


def public(pages):
    """pages.public(), without asking the database for the view restrictions each time."""
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return pages


def listing_ids(queryset):
    """The ids of `queryset`'s rows, in its order, remembered until content changes.

    A listing's pages are then loaded by id: a deep page of it costs what the first does.
    """
    try:
        sql = str(queryset.query)
    except EmptyResultSet:
        return []
    return remember(("listing", sql), lambda: list(queryset.values_list("pk", flat=True)))


def find_route(request, path):
    """Wagtail's route for `path` (Page.route_for_request), from the deepest page on it
    this process has routed to before. None when there is no such page."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]

    def key(depth):
        return ("route", site.pk, get_language(), tuple(components[:depth]))

    values = current_answers()
    try:
        for depth in range(len(components), -1, -1):
            known = values.get(key(depth))
            if known is not None:
                model, pk = known
                page = model._default_manager.filter(pk=pk).first()
                if page is None:
                    return None
                result = page.route(request, components[depth:])
                break
        else:
            result = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    page = result[0]
    values[key(page.depth - site.root_page.depth)] = (type(page), page.pk)
    return result
