from django import template

from home.models import Footer, Header

register = template.Library()


@register.simple_tag
def site_header():
    """The header (site name and main menu) in the reader's language."""
    return Header.for_active_language()


@register.simple_tag
def site_footer():
    """The footer in the reader's language."""
    return Footer.for_active_language()
