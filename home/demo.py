"""The home app's part of the demo site, from home/demo_content/: the site around the sections.

The footer and external link notice, the standard pages (the long-form page and
Expanding Sanctuary, whose text the resources seed gives and resources.json holds), the
home page with the pages it features, and the header with its menu. site.json also
places the sections' index pages, which the apps that own them build.
"""

from functools import cached_property

from wagtail.models import Site

from demo.builder import field_values, pick
from demo.data import load
from demo.localization import string_pairs
from home.models import ExternalLinkNotice, Footer, Header, HomePage, StandardPage


class HomeDemo:
    snippets = (Header, Footer, ExternalLinkNotice)

    def __init__(self, builder):
        self.builder = builder

    def reset(self):
        """Delete every page under the home page, the header, footer and external link notice."""
        for home in HomePage.objects.exclude(locale=self.builder.english):
            home.delete()
        for child in HomePage.objects.get(locale=self.builder.english, depth=2).get_children():
            child.delete()
        for model in self.snippets:
            model.objects.all().delete()

    def build_snippets(self):
        """The footer and external link notice, and the images the standard pages show."""
        self.builder.build_images(load("long_form_page")["images"])
        self.builder.build_snippet(Footer, load("site")["footer"])
        notice = load("external_link_notice")
        domains = "\n".join(notice["domains"])
        self.builder.build_snippet(
            ExternalLinkNotice, {"en": {**notice["en"], "domains": domains}, "es": notice["es"]}
        )

    @cached_property
    def page(self):
        """The English home page the data migration creates: the parent of every section."""
        return HomePage.objects.get(locale=self.builder.english, depth=2)

    def build_pages(self):
        """The standard pages under the home page, published with every other new page."""
        for entry in (load("resources")["expanding_sanctuary"], load("long_form_page")["page"]):
            english = pick(entry, "title", "slug", "intro", "body")
            self.builder.add_page(self.page, StandardPage, english, entry.get("es"))

    def build_home(self):
        """The home page's content and featured pages, in both languages; the site's root.

        The data migration's home page gets them until it has its Spanish translation.
        Built once the pages it features are published, and translated before them:
        the Spanish home page is their parent.
        """
        builder, home, data = self.builder, self.page, load("site")["home"]
        if not home.has_translation(builder.spanish):
            english = {**data["en"], "featured_items": data["featured"]}
            for field, value in field_values(HomePage, builder.resolve(english, "en")).items():
                setattr(home, field, value)
            home.save_revision().publish()
            builder.translate(home, string_pairs(data["en"], data["es"]))
        site = Site.objects.get(is_default_site=True)
        if site.root_page_id != home.pk:
            site.root_page = home
            site.save()

    def build_header(self):
        """The header and its menu of links to the pages it names; built last."""
        data = load("site")["header"]
        english = {**data["en"], "menu": self.builder.resolve_stream(data["en"]["menu"], "en")}
        spanish = {**data["es"], "menu": self.builder.resolve_stream(data["es"]["menu"], "es")}
        self.builder.build_snippet(Header, {"en": english, "es": spanish})
