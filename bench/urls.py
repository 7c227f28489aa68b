"""The site's URLs and the framework floor: the public site never has this view."""

from django.http import HttpResponse
from django.urls import path

from hub.urls import urlpatterns as site_urlpatterns


def framework_floor(request):
    """The least a request can cost on this server: every middleware, no page."""
    return HttpResponse("Hub", content_type="text/plain")


urlpatterns = [path("bench/floor", framework_floor), *site_urlpatterns]
