"""The one place links in templates go through the "You are leaving" page.

Link and call-to-action blocks use the filter; rich text links reach the same `routed`
through the link handler home registers (home.external_links.NoticedExternalLinkHandler).
"""

from django import template

from home.external_links import routed

register = template.Library()


@register.filter
def leaving_notice(url):
    """url itself, or the "You are leaving" page leading to it when its domain is listed."""
    return routed(url or "")
