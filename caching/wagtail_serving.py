"""Wagtail's page serving with the remembered lookups of caching.lookups.

The one module that reaches into Wagtail's (and Django's) private serving internals,
checked against Wagtail 8.0.1 and Django 5.2; tests/test_wagtail_serving.py fails when
upstream behaviour changes under them:

- Site.find_for_request keeps its answer in request._wagtail_site, and
  Page.route_for_request in request._wagtail_route_for_request: setting them first
  makes every later asker (page URLs, the language switcher, Wagtail's own serve
  hooks) use the remembered answers.
- wagtail.models.sites.get_site_for_hostname is how Site.find_for_request matches a host
  and port; request._get_raw_host() is the host it reads (before ALLOWED_HOSTS checks).
- wagtail.views.serve_chain and the on_serve_page hook check_view_restrictions are what
  wagtail.views.serve runs; check_view_restrictions is skipped where no restriction can
  apply (two queries on every view otherwise).
"""

from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from wagtail import hooks
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.views import serve_chain
from wagtail.wagtail_hooks import check_view_restrictions

from caching.lookups import find_route, is_restricted, remember


def site_for_request(request):
    """The Wagtail site of the request's host, as Site.find_for_request finds it."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def find():
        try:
            return get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None

    return remember(("site", hostname, port), find)


def use_remembered_site(request):
    """Give Wagtail the request's site from the remembered ones: every page URL built for
    the request asks Site.find_for_request, which reads request._wagtail_site."""
    request._wagtail_site = site_for_request(request)


def serve_page(request, path):
    """Wagtail's serve view (wagtail.views.serve), with its two slowest steps remembered.

    The page is found through find_route, and Wagtail's view restriction check, two
    queries on every view, runs only for pages that a restriction may cover.
    """
    use_remembered_site(request)
    route = find_route(request, path)
    if route is None:
        raise Http404
    request._wagtail_route_for_request = route
    page, args, kwargs = route

    on_serve_chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        if hook is check_view_restrictions and not is_restricted(page):
            continue
        on_serve_chain = hook(on_serve_chain)
    for hook in hooks.get_hooks("before_serve_page"):
        response = hook(page, request, args, kwargs)
        if isinstance(response, HttpResponse):
            return response
    return on_serve_chain(page, request, args, kwargs)
