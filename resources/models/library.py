"""The resource library and what it lists: reports, toolkits and guides."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from listings.index_pages import IndexPage
from listings.pagination import paginate
from resources.forms import LocaleTermsPageForm, ResourceFilterForm
from resources.models.listing import ListingCardMixin
from resources.models.terms import Topic, localized_terms
from streamfield.blocks import BodyBlock, DocumentDownloadBlock, ToolkitSectionBlock


class ResourceIndexPage(IndexPage):
    """The resource library: reports, toolkits and guides, filterable by type and topic."""

    RESOURCES_PER_PAGE = 12

    subpage_types = ["resources.ReportPage", "resources.ToolkitPage", "resources.GuidePage"]
    search_result_label = _("Resource library")

    class Meta:
        verbose_name = _("resource library")

    def resources(self):
        return ResourcePage.newest_under(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ResourceFilterForm(
            request.GET,
            resource_types={
                model._meta.model_name.removesuffix("page"): model
                for model in self.clean_subpage_models()
            },
            topics=Topic.objects.filter(locale_id=self.locale_id),
        )
        resources = form.filter(self.resources()).prefetch_related("topics")
        page_obj = paginate(
            request, ResourcePage.with_card_images(resources), self.RESOURCES_PER_PAGE
        )
        page_obj.object_list = ResourcePage.add_listing_data(page_obj.object_list, self.locale_id)
        context.update({"resources": page_obj, "filter_form": form})
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.context_data["filter_form"].errors:
            response.status_code = 400
        return response


class ResourcePage(ListingCardMixin, Page):
    """What reports, toolkits and guides have in common; the library lists them together.

    Never created itself: editors create a report, a toolkit or a guide.
    """

    summary = models.TextField(
        help_text=_(
            "What it is and who it is for, in two or three sentences. Shown in the library."
        )
    )
    downloads = StreamField(
        [("document_download", DocumentDownloadBlock())],
        blank=True,
        help_text=_("The files to download, each with its link text, in the order shown."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text=_("Anything more to read on the page: key findings, how to use it, credits."),
    )
    topics = ParentalManyToManyField(
        "resources.Topic",
        blank=True,
        related_name="resources",
        help_text=_("What it is about. Readers filter the library by topic."),
    )
    partners = ParentalManyToManyField(
        "resources.Partner",
        blank=True,
        related_name="resources",
        help_text=_("The organizations it was made with."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("publication_date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Cover image")),
        FieldPanel("downloads"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]
    # wagtail-localize leaves many-to-many fields out of "Sync translated pages".
    override_translatable_fields = [
        SynchronizedField("topics", overridable=False),
        SynchronizedField("partners", overridable=False),
    ]
    base_form_class = LocaleTermsPageForm

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []
    is_creatable = False
    search_result_label = _("Resource")

    class Meta:
        verbose_name = _("resource")

    @property
    def type_label(self):
        return self.specific_class.search_result_label

    @classmethod
    def add_listing_data(cls, pages, locale_id):
        """The pages as a list, each with its topics in `locale_id` and its files to download.

        The documents of all the pages are fetched in one query. Files deleted since the
        page was published are left out. Expects `topics` prefetched.
        """
        pages = list(pages)
        topics = localized_terms(pages, "topics", locale_id)
        block = cls._meta.get_field("downloads").stream_block.child_blocks["document_download"]
        raw = [
            (page, item["value"])
            for page in pages
            for item in page.downloads.raw_data
            if item["type"] == "document_download"
        ]
        downloads = block.bulk_to_python([value for _page, value in raw])
        for page in pages:
            page.topic_list = topics[page.pk]
            page.download_list = []
        for (page, _value), download in zip(raw, downloads, strict=True):
            if download["document"] is not None:
                page.download_list.append(download)
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.add_listing_data([self], self.locale_id)
        context["partner_list"] = localized_terms([self], "partners", self.locale_id)[self.pk]
        return context


class ReportPage(ResourcePage):
    """A research report, e.g. “Who's Behind ICE?”, with its files to download."""

    template = "resources/resource_page.html"
    search_result_label = _("Report")

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def clean(self):
        super().clean()
        if not self.downloads:
            raise ValidationError(
                {"downloads": _("Add at least one file for readers to download.")}
            )


class ToolkitPage(ResourcePage):
    """A toolkit, e.g. know-your-rights materials, in ordered sections with their own files."""

    sections = StreamField(
        [("section", ToolkitSectionBlock())],
        blank=True,
        help_text=_("The toolkit's parts, in order, each with its own files."),
    )

    content_panels = ResourcePage.content_panels + [FieldPanel("sections")]
    search_fields = ResourcePage.search_fields + [index.SearchField("sections")]
    search_result_label = _("Toolkit")

    class Meta:
        verbose_name = _("toolkit")
        verbose_name_plural = _("toolkits")


class GuidePage(ResourcePage):
    """A guide to read on the page or download, e.g. a know-your-rights guide."""

    template = "resources/resource_page.html"
    search_result_label = _("Guide")

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
