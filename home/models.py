"""The home page, long-form standard pages, and the header and footer every page shares."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.rich_text import RichText
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from caching.lookups import remember
from listings.excerpts import excerpt
from streamfield.blocks import RICH_TEXT_FEATURES, BodyBlock, LinkBlock

# Where a page's summary comes from when the editor left its search description empty.
SUMMARY_FIELDS = ("intro", "summary", "hero_text")


def page_summary(page):
    """A page in a sentence or two of plain text, for social cards and featured cards."""
    return excerpt(
        getattr(page, "search_description", ""),
        *(getattr(page, field, "") for field in SUMMARY_FIELDS),
    )


class PerLanguageSnippet(TranslatableMixin, models.Model):
    """A snippet kept once per language, such as the header or the footer.

    Editors write it in English and translators translate it; pages show the one in
    the reader's language, or the English one until the translation exists. Every page
    shows it, so each process remembers it until content changes (caching.lookups).
    """

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @classmethod
    def for_active_language(cls):
        language = get_language()

        def find():
            instances = {
                instance.locale.language_code: instance
                for instance in cls.objects.select_related("locale").order_by("pk")
            }
            return instances.get(language) or instances.get(settings.LANGUAGE_CODE)

        return remember((cls, language), find)


class Header(PerLanguageSnippet):
    site_name = models.CharField(
        max_length=80,
        help_text=_("Shown at the top of every page and at the end of each browser tab title."),
    )
    menu = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text=_("The main navigation, in order. Keep it short: it has to fit on a phone."),
    )

    panels = [FieldPanel("site_name"), FieldPanel("menu")]

    class Meta(PerLanguageSnippet.Meta):
        verbose_name = _("header")
        verbose_name_plural = _("headers")

    def __str__(self):
        return self.site_name


SOCIAL_PLATFORMS = [
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("x", "X"),
    ("youtube", "YouTube"),
    ("tiktok", "TikTok"),
    ("whatsapp", "WhatsApp"),
    ("email", _("Email")),
]


class SocialLinkValue(blocks.StructValue):
    @property
    def platform_name(self):
        return dict(SOCIAL_PLATFORMS).get(self.get("platform"), self.get("platform"))


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(choices=SOCIAL_PLATFORMS, help_text=_("Which network."))
    url = blocks.URLBlock(help_text=_("The full address of the group's profile."))

    class Meta:
        icon = "site"
        value_class = SocialLinkValue


class Footer(PerLanguageSnippet):
    text = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A short line about the group, with links if needed."),
    )
    legal_disclaimer = models.TextField(
        blank=True,
        help_text=_(
            "Required legal line, e.g. “Paid for in part by …, not authorized by any candidate”."
        ),
    )
    social_links = StreamField(
        [("social_link", SocialLinkBlock())],
        blank=True,
        help_text=_("Links to the group's social media profiles."),
    )

    panels = [FieldPanel("text"), FieldPanel("legal_disclaimer"), FieldPanel("social_links")]

    class Meta(PerLanguageSnippet.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return str(_("Footer (%(language)s)") % {"language": self.locale.get_display_name()})

    @cached_property
    def text_html(self):
        """The text as HTML, its links resolved once for the remembered footer, not on
        every page (for_active_language)."""
        return str(RichText(self.text))


class ExternalLinkNotice(PerLanguageSnippet):
    """The "You are leaving" page shown before links to the listed sites.

    Links to these domains, anywhere on the site, go through the notice first, for
    example to a sister organisation that must be presented as a separate entity.
    """

    heading = models.CharField(max_length=120, help_text=_("e.g. “You are leaving”."))
    text = models.TextField(
        help_text=_(
            "Why visitors see this page and where they are going. Blank lines make paragraphs."
        )
    )
    continue_label = models.CharField(
        max_length=60, help_text=_("The button that takes visitors on, e.g. “Continue”.")
    )
    cancel_label = models.CharField(
        max_length=60, help_text=_("The link back to the page they came from, e.g. “Stay here”.")
    )
    domains = models.TextField(
        blank=True,
        help_text=_(
            "One domain per line, e.g. example.org. Links to these domains and their "
            "subdomains go through this notice. The same list applies in every language."
        ),
    )

    override_translatable_fields = [SynchronizedField("domains")]
    panels = [
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldPanel("continue_label"),
        FieldPanel("cancel_label"),
        FieldPanel("domains"),
    ]

    class Meta(PerLanguageSnippet.Meta):
        verbose_name = _("external link notice")
        verbose_name_plural = _("external link notices")

    def __str__(self):
        return self.heading

    @property
    def domain_list(self):
        return [line.strip().lower() for line in self.domains.splitlines() if line.strip()]


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(help_text=_("A post, resource, petition or page to feature."))
    blurb = blocks.TextBlock(
        required=False,
        help_text=_("A sentence on why to read it. Leave blank to use the page's own summary."),
    )

    class Meta:
        icon = "pick"


class HomePage(Page):
    hero_heading = models.CharField(
        max_length=120,
        help_text=_("The big line at the top of the home page."),
    )
    hero_text = models.TextField(
        blank=True,
        help_text=_("One or two sentences under the big line."),
    )
    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A short introduction to the group, under the hero."),
    )
    featured_items = StreamField(
        [("featured_page", FeaturedPageBlock())],
        blank=True,
        help_text=_("Pages to feature on the home page, in order. Readers see their translations."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("intro"),
        FieldPanel("featured_items"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def featured(self):
        """The featured pages in this page's language, each with its blurb (a blank blurb is
        the page's own summary): one query for the pages, one per page type."""
        items = [block.value for block in self.featured_items if block.value["page"]]
        keys = [item["page"].translation_key for item in items]
        localized = {
            page.translation_key: page
            for page in Page.objects.live()
            .filter(translation_key__in=keys, locale_id=self.locale_id)
            .specific()
        }
        fallback_ids = [
            item["page"].pk for item in items if item["page"].translation_key not in localized
        ]
        fallbacks = {
            page.translation_key: page
            for page in Page.objects.live().filter(pk__in=fallback_ids).specific()
        }
        featured = []
        for item in items:
            key = item["page"].translation_key
            page = localized.get(key) or fallbacks.get(key)
            if page is not None:
                featured.append({"page": page, "blurb": item["blurb"] or page_summary(page)})
        return featured


class StandardPage(Page):
    intro = models.TextField(
        blank=True,
        help_text=_("The opening paragraph, shown large under the title and used as the summary."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text=_("The page's content: headings, text, images, quotes, videos, buttons, links."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
