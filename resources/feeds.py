"""The blog's RSS 2.0 feed: the newest posts of one blog, in its language."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _


class BlogFeed(Feed):
    """Served by `BlogIndexPage.feed`, one instance per request."""

    ITEMS = 20

    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return index.title

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return index.intro or _("The newest posts from %(blog)s.") % {"blog": index.title}

    def items(self, index):
        return index.with_categories(index.posts()[: self.ITEMS])

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.excerpt

    def item_link(self, post):
        return post.get_url(self.request)

    def item_pubdate(self, post):
        return datetime.datetime.combine(post.publication_date, datetime.time())

    def item_author_name(self, post):
        return post.author_line or None

    def item_categories(self, post):
        return [category.name for category in post.category_list]
