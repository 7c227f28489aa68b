"""The StreamField blocks every page type builds its body from.

A new page type reuses BodyBlock (or picks blocks from here); it never defines its
own copy of a heading or a quote. Each block renders with templates/streamfield/<name>.html.
"""

import copy

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from caching.lookups import active_locale, remembered_instances

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkValue(blocks.StructValue):
    """A link to a page of this site (in the reader's language where it exists) or to a URL."""

    @cached_property
    def page(self):
        """The page, or its live translation into the reader's language.

        LinkBlock.bulk_to_python finds the translations of all the links in a field at
        once; this finds one link's alone.
        """
        page = self.get("page")
        return page.localized if page else None

    @cached_property
    def href(self):
        page = self.page
        if page is not None:
            return page.url
        # Templates send it through the "You are leaving" page where the site lists its
        # domain (the leaving_notice filter of home's external_link_tags).
        return self.get("url") or ""

    @cached_property
    def text(self):
        if self.get("label"):
            return self.get("label")
        page = self.page
        return page.title if page is not None else self.get("url", "")


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        required=False,
        help_text=_("A page of this site. Readers see its translation where there is one."),
    )
    url = blocks.URLBlock(
        required=False,
        label=_("External URL"),
        help_text=_("Use instead of a page to link outside this site."),
    )
    label = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("The link text. Leave blank to use the page title."),
    )

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        errors = {}
        if has_page == has_url:
            message = _("Choose a page or enter a URL, but not both.")
            errors["page"] = ValidationError(message)
        elif has_url and not value.get("label"):
            errors["label"] = ValidationError(_("A link to another site needs its link text."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def bulk_to_python(self, values):
        """The links, their pages and those pages' live translations into the reader's
        language found in one query."""
        ids = {value["page"] for value in values if value.get("page")}
        chosen, translations = {}, {}
        if ids:
            locale = active_locale()
            keys = Page.objects.filter(pk__in=ids).values("translation_key")
            for page in Page.objects.filter(
                Q(pk__in=ids) | Q(live=True, locale=locale, translation_key__in=keys)
            ):
                if page.pk in ids:
                    chosen[page.pk] = page
                if page.live and page.locale_id == locale.pk:
                    translations[page.translation_key] = page
        without_pages = [{k: v for k, v in value.items() if k != "page"} for value in values]
        links = super().bulk_to_python(without_pages)
        for link, value in zip(links, values, strict=True):
            page = chosen.get(value.get("page"))
            if page is not None:
                link["page"] = copy.copy(page)
                link.page = translations.get(page.translation_key, page)
        return links

    class Meta:
        icon = "link"
        value_class = LinkValue
        template = "streamfield/link_block.html"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, help_text=_("The heading's text."))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)")), ("h4", _("Minor (h4)"))],
        default="h2",
        help_text=_("Keep headings in order: a subsection comes after a section."),
    )

    class Meta:
        icon = "title"
        template = "streamfield/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(help_text=_("Describe the image in its alt text for screen readers."))
    caption = blocks.CharBlock(
        required=False, max_length=300, help_text=_("Shown below the image.")
    )
    credit = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("Photographer or source, e.g. “Photo: Mijente”."),
    )

    class Meta:
        icon = "image"
        template = "streamfield/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text=_("The words quoted, without quotation marks."))
    attribution = blocks.CharBlock(
        required=False, max_length=200, help_text=_("Who said it, e.g. “Marisa Franco, Mijente”.")
    )

    class Meta:
        icon = "openquote"
        template = "streamfield/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text=_("What you ask readers to do."))
    text = blocks.TextBlock(required=False, help_text=_("One or two sentences on why it matters."))
    link = LinkBlock(help_text=_("Where the button goes; its text is the button label."))

    class Meta:
        icon = "pick"
        template = "streamfield/call_to_action_block.html"


class RelatedLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False, max_length=120, help_text=_("e.g. “For more information”.")
    )
    links = blocks.ListBlock(LinkBlock())

    class Meta:
        icon = "list-ul"
        template = "streamfield/related_links_block.html"


class DocumentDownloadValue(blocks.StructValue):
    """A file to download. Its document is None once the file has been deleted."""

    @property
    def text(self):
        document = self.get("document")
        return self.get("label") or (document.title if document else "")


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(
        help_text=_(
            "The file to download. Its type, size and language are shown beside the link. "
            "A translator can choose the file in their language instead."
        )
    )
    label = blocks.CharBlock(
        required=False,
        max_length=160,
        help_text=_(
            "The link text, e.g. “Download the report”. Leave blank to use the file's title."
        ),
    )

    def bulk_to_python(self, values):
        """The files, their documents remembered until content changes (caching.lookups)."""
        documents = remembered_instances(
            get_document_model(), {value["document"] for value in values if value.get("document")}
        )
        without_documents = [
            {k: v for k, v in value.items() if k != "document"} for value in values
        ]
        downloads = super().bulk_to_python(without_documents)
        for download, value in zip(downloads, values, strict=True):
            download["document"] = documents.get(value.get("document"))
        return downloads

    class Meta:
        icon = "download"
        value_class = DocumentDownloadValue
        template = "streamfield/document_download_block.html"


class ToolkitSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=160, help_text=_("The section's title, e.g. “Before ICE comes”.")
    )
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        required=False,
        help_text=_("What this part of the toolkit is for and how to use its materials."),
    )
    materials = blocks.ListBlock(
        DocumentDownloadBlock(),
        default=[],
        help_text=_("The files for this section: flyers, slides, worksheets."),
    )

    class Meta:
        icon = "folder-open-inverse"
        template = "streamfield/toolkit_section_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        help_text=_("A video or post URL, e.g. from YouTube or Vimeo."),
        icon="media",
        template="streamfield/embed_block.html",
    )
    call_to_action = CallToActionBlock()
    related_links = RelatedLinksBlock()
    document_download = DocumentDownloadBlock()
