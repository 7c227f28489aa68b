"""Send links to the sites listed in the external link notice through the "You are leaving" page.

The page is not an open redirect: it only ever offers https URLs on a listed domain
(or one of its subdomains), and answers anything else with a 400.
"""

from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from wagtail.rich_text import LinkHandler

DOMAINS_CACHE_KEY = "external-link-notice:domains"
MAX_URL_LENGTH = 2000


def noticed_domains():
    """The listed domains, cached until the notice is saved again."""
    domains = cache.get(DOMAINS_CACHE_KEY)
    if domains is None:
        notice = apps.get_model("home", "ExternalLinkNotice").objects.order_by("pk").first()
        domains = notice.domain_list if notice else []
        cache.set(DOMAINS_CACHE_KEY, domains, timeout=None)
    return domains


def forget_noticed_domains(**kwargs):
    cache.delete(DOMAINS_CACHE_KEY)


def on_noticed_domain(url):
    """Whether url is an https URL on a listed domain: the only URLs the notice offers."""
    if not isinstance(url, str) or len(url) > MAX_URL_LENGTH:
        return False
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return False
    if parts.scheme != "https" or not host or parts.username or parts.password:
        return False
    if port not in (None, 443) or any(char.isspace() for char in url):
        return False
    return any(host == domain or host.endswith(f".{domain}") for domain in noticed_domains())


def routed(url):
    """url itself, or the notice page leading to it when it is on a listed domain."""
    if not on_noticed_domain(url):
        return url
    return f"{reverse('external_link_notice')}?{urlencode({'url': url})}"


class NoticedExternalLinkHandler(LinkHandler):
    """Rich text links to listed domains go through the notice too."""

    identifier = "external"

    @classmethod
    def expand_db_attributes(cls, attrs):
        return f'<a href="{escape(routed(attrs.get("href", "")))}">'
