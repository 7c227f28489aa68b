"""The page that lists the pages under it: the blog, the resource library, the petitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class IndexPage(Page):
    """One per home page, with an intro above its list. Subclasses name what they list
    (subpage_types) and how (their own listing method and template)."""

    intro = models.TextField(
        blank=True,
        help_text=_("A sentence or two shown above the list: what readers find here."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True
