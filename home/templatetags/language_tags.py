from django import template

from home.languages import language_links as build_language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The switcher, hreflang and canonical links for the page or view being rendered.

    A Wagtail page is found as `page` in the context; a non-page view that exists in
    every language passes `language_urls` (language code to URL).
    """
    request = context.get("request")
    if request is None:
        return {"versions": [], "alternates": [], "canonical": None}
    return build_language_links(
        request, page=context.get("page"), urls=context.get("language_urls")
    )
