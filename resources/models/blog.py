"""The blog and its posts."""

from django import forms
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from caching.lookups import listing_ids, remember
from listings.excerpts import excerpt
from listings.index_pages import IndexPage
from listings.pagination import paginate
from resources.feeds import BlogFeed
from resources.forms import LocaleTermsPageForm
from resources.models.listing import ListingCardMixin
from resources.models.terms import Category, localized_terms, terms_in_locale
from streamfield.blocks import BodyBlock, LinkBlock


class BlogIndexPage(RoutablePageMixin, IndexPage):
    """The blog: every post, newest first, with archives by category and by year, and a feed."""

    POSTS_PER_PAGE = 10

    subpage_types = ["resources.BlogPage"]
    search_result_label = _("Blog")

    class Meta:
        verbose_name = _("blog")

    def posts(self):
        return BlogPage.newest_under(self)

    def with_categories(self, posts):
        """The posts as a list, each with its categories in this blog's language."""
        posts = list(posts)
        prefetch_related_objects(posts, "categories")
        categories = localized_terms(posts, "categories", self.locale_id)
        for post in posts:
            post.category_list = categories[post.pk]
        return posts

    @path("")
    def all_posts(self, request):
        return self.archive(request, self.posts())

    @path("category/<slug:slug>/")
    def category(self, request, slug):
        category = next(
            (
                item
                for item in terms_in_locale(Category, self.locale_id).values()
                if item.slug == slug
            ),
            None,
        )
        if category is None:
            # A post links to a category not translated yet, or an old link has its slug.
            source = Category.objects.filter(slug=slug).first()
            if source is None:
                raise Http404(_("There is no such category."))
            category = source.get_translation_or_none(self.locale) or source
            if category.slug != slug:
                route = self.reverse_subpage("category", kwargs={"slug": category.slug})
                return redirect(self.get_url(request) + route, permanent=True)
        posts = self.posts().filter(categories__translation_key=category.translation_key)
        title = _("Archive for the “%(category)s” category") % {"category": category.name}
        return self.archive(request, posts, title=title, current_category=category)

    @re_path(r"^(?P<year>[1-9]\d{3})/$")
    def year(self, request, year):
        posts = self.posts().filter(publication_date__year=int(year))
        if not listing_ids(posts):
            raise Http404(_("There are no posts from that year."))
        title = _("Posts from %(year)s") % {"year": year}
        return self.archive(request, posts, title=title, current_year=int(year))

    @path("feed/")
    def feed(self, request):
        return BlogFeed()(request, index=self)

    def archive_links(self):
        """The categories and years the archive offers, remembered until content changes."""

        def find():
            years = self.posts().dates("publication_date", "year", order="DESC")
            return {
                "categories": list(Category.objects.filter(locale_id=self.locale_id)),
                "years": [day.year for day in years],
            }

        return remember(("blog-archive-links", self.pk), find)

    def archive(self, request, posts, title=None, **context):
        page_obj = paginate(request, BlogPage.with_card_images(posts), self.POSTS_PER_PAGE)
        page_obj.object_list = self.with_categories(page_obj.object_list)
        return self.render(
            request,
            context_overrides={
                "posts": page_obj,
                "archive_title": title,
                **self.archive_links(),
                **context,
            },
        )


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.BlogPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogPage(ListingCardMixin, Page):
    """A blog post or a press release."""

    author_line = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Who wrote it, as readers see it, e.g. “By Mijente staff”."),
    )
    intro = models.TextField(
        blank=True,
        help_text=_(
            "One or two sentences shown under the title, in the blog and in the feed. "
            "Leave blank to use the start of the post."
        ),
    )
    body = StreamField(
        BodyBlock(),
        help_text=_("The post: headings, text, images, quotes, videos, buttons, links, files."),
    )
    categories = ParentalManyToManyField(
        "resources.Category",
        blank=True,
        related_name="posts",
        help_text=_("What kind of post this is. Readers can list all the posts in a category."),
    )
    tags = ClusterTaggableManager(
        through=BlogPageTag,
        blank=True,
        help_text=_("Words readers might search for that the post doesn't use itself."),
    )
    related_pages = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text=_("Posts, resources or pages to read next, shown after the post."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("publication_date"), FieldPanel("author_line")], heading=_("Byline")
        ),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Hero image")),
        FieldPanel("body"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("related_pages"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("author_line"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("publication_date"),
    ]
    # wagtail-localize leaves many-to-many fields out of "Sync translated pages"; this
    # keeps a translation's categories in step with its source's.
    override_translatable_fields = [SynchronizedField("categories", overridable=False)]
    base_form_class = LocaleTermsPageForm

    parent_page_types = ["resources.BlogIndexPage"]
    subpage_types = []
    search_result_label = _("Post")

    class Meta:
        verbose_name = _("blog post")

    @property
    def excerpt(self):
        """The intro as the editor wrote it, or the start of the body's text."""
        return self.intro or excerpt(
            " ".join(
                get_text_for_indexing(item["value"])
                for item in self.body.raw_data
                if item["type"] == "paragraph"
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        blog = BlogIndexPage.objects.parent_of(self).get()
        context["blog"] = blog
        context["category_list"] = blog.with_categories([self])[0].category_list
        return context
