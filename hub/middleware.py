"""Request filters every response passes through: who may reach the admin, how big a
request may be, the security headers Django and django-csp do not send themselves, and
compression."""

import ipaddress

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.translation import gettext as _

from trusted_proxies.client_ip import client_ip

ADMIN_PREFIX = "/admin/"


def parse_networks(cidrs):
    try:
        return [ipaddress.ip_network(cidr, strict=False) for cidr in cidrs]
    except ValueError as error:
        raise ImproperlyConfigured(f"ADMIN_ALLOWED_NETWORKS: {error}") from None


class AdminNetworkMiddleware:
    """Refuse /admin/ (403) to addresses outside ADMIN_ALLOWED_NETWORKS, when it is set."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = parse_networks(settings.ADMIN_ALLOWED_NETWORKS)

    def __call__(self, request):
        if self.networks and request.path_info.startswith(ADMIN_PREFIX):
            try:
                address = ipaddress.ip_address(client_ip(request))
            except ValueError:
                address = None
            if address is None or not any(address in network for network in self.networks):
                raise PermissionDenied("The admin is not open to this network.")
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse (413) a request whose declared body is larger than any upload allows,
    before Django reads it: Django's own limit leaves out uploaded files."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = (
            max(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
            + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.limit:
            return HttpResponse(
                _("This request is too large."), status=413, content_type="text/plain"
            )
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send Permissions-Policy from settings.PERMISSIONS_POLICY (feature: allowed origins)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with ADMIN_CONTENT_SECURITY_POLICY under /admin/ (Wagtail's admin
    still needs inline scripts and styles) and the strict policy everywhere else."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class GZipPagesMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for pages, feeds and other text built in memory.

    Streamed responses (document downloads) pass untouched: PDFs and ZIPs are compressed
    already, and they keep the Content-Length that lets a phone show download progress.
    Django mitigates BREACH for compressed pages by padding each response at random.
    """

    def process_response(self, request, response):
        if response.streaming:
            return response
        return super().process_response(request, response)
