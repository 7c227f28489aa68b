from django import template
from django.templatetags.static import static
from django.utils.translation import get_language

from home.models import Header, page_summary

register = template.Library()

OPEN_GRAPH_LOCALES = {"en": "en_US", "es": "es_LA"}


def share_image(page):
    """The page's own picture (blog posts and resources have one) cropped for share cards,
    described as the page describes it; (None, "") for a page without one."""
    image = getattr(page, "image", None)
    if image is None:
        return None, ""
    rendition = image.get_rendition("fill-1200x630|format-jpeg")
    return rendition.url, getattr(page, "image_alt_text", rendition.alt)


@register.simple_tag(takes_context=True)
def page_meta(context, header=None):
    """Title, description, share image and locales for search engines and social cards."""
    request = context.get("request")
    page = context.get("page")
    header = header or Header.for_active_language()
    site_name = header.site_name if header else ""
    language = get_language()
    meta = {
        "site_name": site_name,
        "title": context.get("meta_title") or site_name,
        "description": context.get("meta_description", ""),
        "type": "website",
        "locale": OPEN_GRAPH_LOCALES.get(language, language),
        "alternate_locales": [
            locale for code, locale in OPEN_GRAPH_LOCALES.items() if code != language
        ],
        "image": static("images/share-default.png"),
        "image_alt": site_name,
    }
    if page is not None and getattr(page, "pk", None):
        meta["title"] = page.seo_title or page.title
        meta["description"] = page_summary(page)
        if getattr(page, "publication_date", None):
            meta["type"] = "article"
        image, alt = share_image(page)
        if image:
            meta["image"], meta["image_alt"] = image, alt
    if request is not None:
        meta["image"] = request.build_absolute_uri(meta["image"])
    return meta
