"""/sitemap.xml: every live page in both languages, each with its hreflang alternates.

The alternates are the ones the page itself links to (home.languages), so search
engines read the same language versions in the sitemap and on the page.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.languages import hreflang_alternates, live_versions


class BilingualSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_language_tree = reduce(or_, (Q(path__startswith=home.path) for home in homes))
        return (
            Page.objects.live()
            .public()
            .filter(in_a_language_tree)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        versions = live_versions([page.translation_key for page in pages])
        urls = []
        for item in pages:
            absolute = {
                code: self.absolute_url(version)
                for code, version in versions[item.translation_key].items()
            }
            location = self.absolute_url(item)
            alternates = hreflang_alternates(absolute, location)
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": self.lastmod(item),
                    "alternates": [
                        {"lang_code": code, "location": url} for code, url in alternates
                    ],
                }
            )
        lastmods = {url["lastmod"] for url in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def absolute_url(self, page):
        """The URL the page's own canonical and hreflang links use."""
        return self.request.build_absolute_uri(page.get_url(self.request))
