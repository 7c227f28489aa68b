from django import template
from django.utils.translation import get_language

from caching.lookups import remember
from resources.models import BlogIndexPage

register = template.Library()


@register.inclusion_tag("includes/blog_feed_link.html", takes_context=True)
def blog_feed_link(context):
    """The <link> that lets feed readers find the blog's feed in the reader's language."""
    request = context.get("request")
    language = get_language()
    blog = remember(
        ("blog", language),
        lambda: BlogIndexPage.objects.live().filter(locale__language_code=language).first(),
    )
    url = blog.get_url(request) if blog else None
    if url is None:
        return {}
    return {"blog": blog, "feed_url": url + blog.reverse_subpage("feed")}
