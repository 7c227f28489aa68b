"""The demo builder: the pages, snippets, images and links every app's demo module builds with.

The data names pages by slug (a link or a featured item gives "page_slug",
"resource_slug" or "petition_slug" instead of a page id) and placeholder images by a key
into an "images" list.

Every English page is added first and published once all of them exist, so a link
between any two demo pages resolves on the first run, whatever app builds them and in
whatever order (posts link to each other and to a petition). Then come the Spanish
translations: real wagtail-localize translations, parents first. Whatever is already
there is left as it is, so a second run changes nothing.
"""

from functools import cached_property

from django.core.files.images import ImageFile
from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from demo.localization import string_pairs, translate
from demo.placeholders import placeholder_image

COLLECTION = "Demo content"
LINK_KEYS = ("page_slug", "resource_slug", "petition_slug")


def pick(entry, *fields):
    return {field: entry[field] for field in fields if field in entry}


def stream_value(model, field, raw_blocks):
    """A StreamField value built from raw blocks, so blocks and list items get ids when saved."""
    block = model._meta.get_field(field).stream_block
    value = block.to_python(raw_blocks)
    return StreamValue(block, [(child.block_type, child.value) for child in value])


def field_values(model, fields):
    """Model field values, with raw StreamField blocks made into StreamField values."""
    return {
        field: stream_value(model, field, value) if isinstance(value, list) else value
        for field, value in fields.items()
    }


class DemoBuilder:
    """What one run of the demo shares across apps: new pages, images, links left out."""

    def __init__(self):
        self.english = Locale.objects.get(language_code="en")
        self.spanish = Locale.objects.get(language_code="es")
        self.new_pages = []  # (page, English fields): created this run, published once all exist
        self.untranslated = []  # (page, English fields, Spanish fields, overrides)
        self.missing_links = set()
        self.images = {}  # placeholder images by key
        self.alt_texts = {}  # their alt texts by key, then language

    def reset(self):
        """Delete the demo's images and files."""
        get_image_model().objects.filter(collection__name=COLLECTION).delete()
        get_document_model().objects.filter(collection__name=COLLECTION).delete()

    # Pages

    def add_page(self, parent, model, english, spanish=None, overrides=None, **relations):
        """The English page under `parent` with this slug, created if missing.

        A new page is published by publish_new_pages() once every page exists, and
        translated by translate_new_pages() if `spanish` gives its Spanish fields.
        `relations` sets many-to-many fields such as categories.
        """
        page = model.objects.child_of(parent).filter(slug=english["slug"]).first()
        if page is None:
            page = model(**field_values(model, self.resolve(english, "en")), **relations)
            parent.add_child(instance=page)
            self.new_pages.append((page, english))
        if spanish is not None and not page.has_translation(self.spanish):
            self.untranslated.append((page, english, spanish, overrides or {}))
        return page

    def publish_new_pages(self):
        """Publish the new pages, their links resolved now that every page exists."""
        self.missing_links = set()
        for page, english in self.new_pages:
            streams = {field: value for field, value in english.items() if isinstance(value, list)}
            for field, value in field_values(type(page), self.resolve(streams, "en")).items():
                setattr(page, field, value)
            page.save_revision().publish()

    def translate_new_pages(self):
        """Translate the pages waiting for their Spanish translation, parents first."""
        for page, english, spanish, overrides in self.untranslated:
            page = type(page).objects.get(pk=page.pk)
            strings = string_pairs(self.resolve(english, "en"), self.resolve(spanish, "es"))
            self.translate(page, strings, overrides)

    def translate(self, instance, strings, overrides=None):
        """A real wagtail-localize translation of `instance`; a page's is published at once.

        wagtail-localize publishes a translated page when the transaction commits, saving
        the page as it was when translated: pages translated under it in the same
        transaction would be missing from its child count, and deleting it would leave
        them behind.
        """
        if not isinstance(instance, Page):
            return translate(instance, self.spanish, strings, overrides=overrides)
        page = translate(instance, self.spanish, strings, publish=False, overrides=overrides)
        page.get_latest_revision().publish()
        return page

    # Snippets and images

    def build_snippet(self, model, data, key=None):
        """The English snippet and its Spanish translation, created if missing.

        `key` names the field that tells snippets of a model apart; without it, the
        model has one snippet per language (header, footer).
        """
        english = data["en"]
        instance = model.objects.filter(locale=self.english, **pick(english, key)).first()
        if instance is None:
            instance = model.objects.create(locale=self.english, **field_values(model, english))
        if not instance.has_translation(self.spanish):
            self.translate(instance, string_pairs(english, data["es"]))
        return instance

    @cached_property
    def collection(self):
        """The collection of the demo's images and files."""
        collection = Collection.objects.filter(name=COLLECTION).first()
        if collection is None:
            collection = Collection.get_first_root_node().add_child(name=COLLECTION)
        return collection

    def build_images(self, entries):
        """Placeholder images by key, each with its English alt text as its description."""
        self.alt_texts.update({entry["key"]: entry["alt"] for entry in entries})
        Image = get_image_model()
        existing = {
            image.title: image for image in Image.objects.filter(collection=self.collection)
        }
        for entry in entries:
            image = existing.get(entry["title"])
            if image is None:
                picture = placeholder_image(entry["colour"], entry["label"])
                image = Image(
                    title=entry["title"],
                    description=entry["alt"]["en"],
                    collection=self.collection,
                    file=ImageFile(picture, name=f"{entry['key']}.png"),
                )
                image._set_image_file_metadata()
                image.save()
            self.images[entry["key"]] = image

    def image_fields(self, key, language="en"):
        """A page's image and its alt text; a Spanish page has only its alt text to translate."""
        fields = {"image": self.images[key]} if language == "en" else {}
        return {**fields, "image_alt": self.alt_texts[key][language]}

    # Links and images in StreamFields

    def resolve(self, fields, language):
        """Field values with every StreamField's image keys and page slugs made into ids."""
        return {
            field: self.resolve_stream(value, language) if isinstance(value, list) else value
            for field, value in fields.items()
        }

    def resolve_stream(self, blocks, language):
        resolved = []
        for block in blocks:
            value = self.block_value(block["type"], block["value"], language)
            if value is not None:
                resolved.append({"type": block["type"], "value": value})
        return resolved

    def block_value(self, block_type, value, language):
        if block_type == "image":
            key = value["image"]
            image = {
                "image": self.images[key].pk,
                "decorative": False,
                "alt_text": self.alt_texts[key][language],
            }
            return {**value, "image": image}
        if block_type == "link":
            return self.link(value)
        if block_type == "featured_page":
            page = self.find_page(value)
            return {"page": page.pk, "blurb": value["blurb"]} if page else None
        if block_type == "call_to_action":
            link = self.link(value["link"])
            return {**value, "link": link} if link else None
        if block_type == "related_links":
            links = [link for link in map(self.link, value["links"]) if link]
            return {**value, "links": links} if links else None
        return value

    def link(self, value):
        """A LinkBlock value: a page named by slug, or a URL. None if the page is missing."""
        if "url" in value:
            return {"page": None, "url": value["url"], "label": value["label"]}
        page = self.find_page(value)
        if page is None:
            return None
        return {"page": page.pk, "url": "", "label": value["label"]}

    def find_page(self, value):
        slug = next(value[key] for key in LINK_KEYS if key in value)
        page = Page.objects.filter(locale=self.english, slug=slug).first()
        if page is None:
            self.missing_links.add(slug)
        return page
