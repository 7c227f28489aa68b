"""Build the demo site from the data files in home/demo_content/, in English and Spanish.

`manage.py load_demo_content` runs it. The data names pages by slug (a link or a
featured item gives "page_slug", "resource_slug" or "petition_slug" instead of a page
id) and placeholder images by a key into an "images" list.

Every English page is created first and published once all of them exist, so a link
between any two demo pages resolves on the first run, whatever their order (posts link
to each other and to a petition). Then come the home page with the pages it features,
the Spanish translations (real wagtail-localize translations, parents first) and the
menu. Whatever is already there is left as it is, so a second run changes nothing.
"""

import json
from pathlib import Path

from django.core.files.base import File
from django.core.files.images import ImageFile
from django.utils.html import format_html
from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from demo.localization import string_pairs, translate
from demo.placeholders import placeholder_image, placeholder_pdf
from home.models import ExternalLinkNotice, Footer, Header, HomePage, StandardPage
from petitions.models import PetitionIndexPage, PetitionPage, Signature
from resources.models import (
    BlogIndexPage,
    BlogPage,
    Category,
    GuidePage,
    Partner,
    ReportPage,
    ResourceIndexPage,
    ToolkitPage,
)

DATA_DIR = Path(__file__).resolve().parent / "demo_content"
COLLECTION = "Demo content"
LINK_KEYS = ("page_slug", "resource_slug", "petition_slug")
RESOURCE_MODELS = {"report": ReportPage, "toolkit": ToolkitPage, "guide": GuidePage}
PETITION_FIELDS = [
    "title",
    "slug",
    "summary",
    "body",
    "target",
    "goal",
    "signatures_collected_elsewhere",
    "created_by",
    "status",
    "share_text",
    "thank_you_message",
]


def load(name):
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


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


class DemoSite:
    def __init__(self):
        self.english = Locale.objects.get(language_code="en")
        self.spanish = Locale.objects.get(language_code="es")
        self.new_pages = []  # (page, English fields): created this run, published once all exist
        self.untranslated = []  # (page, English fields, Spanish fields, overrides)
        self.missing_links = set()

    def build(self):
        site, blog, resources = load("site"), load("blog_posts"), load("resources")
        long_form = load("long_form_page")
        self.collection = self.demo_collection()
        self.images = self.build_images(long_form["images"] + blog["images"] + resources["images"])
        self.document_text = resources["document_text"]
        self.build_snippet(Footer, site["footer"])
        self.build_external_link_notice(load("external_link_notice"))

        home = HomePage.objects.get(locale=self.english, depth=2)
        posts = blog["blog_posts"] + [item for item in resources["items"] if item["kind"] == "post"]
        self.build_blog(home, site["blog_index"], blog["categories"], posts)
        self.build_library(home, site["resource_index"], resources)
        self.build_petitions(home, site["petition_index"], load("petitions")["petitions"])
        for entry in (resources["expanding_sanctuary"], long_form["page"]):
            english = pick(entry, "title", "slug", "intro", "body")
            self.add_page(home, StandardPage, english, entry.get("es"))
        self.publish_new_pages()

        self.build_home(home, site["home"])
        self.translate_new_pages()
        self.build_header(site["header"])

    def reset(self):
        """Delete the demo: every page under the home page, the snippets, images and files."""
        petitions = PetitionPage.objects.values("translation_key")
        Signature.objects.filter(petition_key__in=petitions).delete()
        for home in HomePage.objects.exclude(locale=self.english):
            home.delete()
        for child in HomePage.objects.get(locale=self.english, depth=2).get_children():
            child.delete()
        for model in (Header, Footer, ExternalLinkNotice):
            model.objects.all().delete()
        for model, key, entries in (
            (Category, "slug", load("blog_posts")["categories"]),
            (Partner, "name", load("resources")["partners"]),
        ):
            english = model.objects.filter(
                locale=self.english, **{f"{key}__in": [entry["en"][key] for entry in entries]}
            )
            model.objects.filter(translation_key__in=english.values("translation_key")).delete()
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

    def build_home(self, home, data):
        """The home page's content and featured pages, in both languages; the site's root.

        The data migration's home page gets them until it has its Spanish translation.
        """
        if not home.has_translation(self.spanish):
            english = {**data["en"], "featured_items": data["featured"]}
            for field, value in field_values(HomePage, self.resolve(english, "en")).items():
                setattr(home, field, value)
            home.save_revision().publish()
            self.translate(home, string_pairs(data["en"], data["es"]))
        site = Site.objects.get(is_default_site=True)
        if site.root_page_id != home.pk:
            site.root_page = home
            site.save()

    def build_blog(self, home, index, category_entries, posts):
        category_by_name = {
            entry["en"]["name"]: self.build_snippet(Category, entry, key="slug")
            for entry in category_entries
        }
        blog = self.add_page(home, BlogIndexPage, index["en"], index["es"])
        # Oldest first, as they were published: listings show the newest first, so posts
        # of the same day keep the data's order.
        for post in reversed(posts):
            english = {
                **pick(post, "title", "slug", "publication_date", "intro", "body"),
                **self.image_fields(post["image"]),
            }
            spanish = post.get("es") and {**post["es"], **self.image_fields(post["image"], "es")}
            categories = [category_by_name[name] for name in post["categories"]]
            self.add_page(blog, BlogPage, english, spanish, categories=categories)

    def build_library(self, home, index, data):
        partner_by_name = {
            entry["en"]["name"]: self.build_snippet(Partner, entry, key="name")
            for entry in data["partners"]
        }
        library = self.add_page(home, ResourceIndexPage, index["en"], index["es"])
        for item in data["items"]:
            if item["kind"] not in RESOURCE_MODELS:
                continue
            fields = ("title", "slug", "summary")
            english = {
                **pick(item, *fields, "publication_date"),
                **self.image_fields(item["image"]),
            }
            spanish = {**pick(item["es"], *fields), **self.image_fields(item["image"], "es")}
            overrides = {}
            if "documents" in item:
                english["downloads"], spanish["downloads"] = self.download_blocks(item, overrides)
            if "sections" in item:
                english["sections"], spanish["sections"] = self.toolkit_sections(item, overrides)
            self.add_page(
                library,
                RESOURCE_MODELS[item["kind"]],
                english,
                spanish,
                overrides,
                partners=[partner_by_name[name] for name in item.get("partner_organisations", [])],
            )

    def build_petitions(self, home, index, petitions):
        petition_index = self.add_page(home, PetitionIndexPage, index["en"], index["es"])
        # Oldest first, as above: the petition list shows the newest first.
        for entry in reversed(petitions):
            self.add_page(
                petition_index, PetitionPage, pick(entry, *PETITION_FIELDS), entry.get("es")
            )

    # Snippets, images and documents

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

    def build_external_link_notice(self, data):
        domains = "\n".join(data["domains"])
        return self.build_snippet(
            ExternalLinkNotice, {"en": {**data["en"], "domains": domains}, "es": data["es"]}
        )

    def build_header(self, data):
        """The header and its menu of links to the pages it names."""
        english = {**data["en"], "menu": self.resolve_stream(data["en"]["menu"], "en")}
        spanish = {**data["es"], "menu": self.resolve_stream(data["es"]["menu"], "es")}
        self.build_snippet(Header, {"en": english, "es": spanish})

    def demo_collection(self):
        collection = Collection.objects.filter(name=COLLECTION).first()
        if collection is None:
            collection = Collection.get_first_root_node().add_child(name=COLLECTION)
        return collection

    def build_images(self, entries):
        """Placeholder images by key, each with its English alt text as its description."""
        self.alt_texts = {entry["key"]: entry["alt"] for entry in entries}
        Image = get_image_model()
        existing = {
            image.title: image for image in Image.objects.filter(collection=self.collection)
        }
        images = {}
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
            images[entry["key"]] = image
        return images

    def image_fields(self, key, language="en"):
        """A page's image and its alt text; a Spanish page has only its alt text to translate."""
        fields = {"image": self.images[key]} if language == "en" else {}
        return {**fields, "image_alt": self.alt_texts[key][language]}

    def download_blocks(self, item, overrides):
        """The English and Spanish `downloads` StreamField blocks of a report or guide."""
        values = self.downloads(item, item["documents"], item["es"]["documents"], overrides)
        return (
            [{"type": "document_download", "value": value} for value in language]
            for language in values
        )

    def toolkit_sections(self, item, overrides):
        """The English and Spanish `sections` StreamField blocks of a toolkit."""
        english, spanish = [], []
        for section, spanish_section in zip(item["sections"], item["es"]["sections"], strict=True):
            materials = self.downloads(
                item, section["documents"], spanish_section["documents"], overrides
            )
            for blocks, source, language_materials in zip(
                (english, spanish), (section, spanish_section), materials, strict=True
            ):
                value = {
                    "heading": source["heading"],
                    "text": format_html("<p>{}</p>", source["text"]),
                    "materials": language_materials,
                }
                blocks.append({"type": "section", "value": value})
        return english, spanish

    def downloads(self, item, english_entries, spanish_entries, overrides):
        """The English and Spanish values of the item's document download blocks.

        A Spanish entry with a file of its own swaps that file in for the English one
        in the translation, through `overrides`.
        """
        english, spanish = [], []
        for entry, spanish_entry in zip(english_entries, spanish_entries, strict=True):
            document = self.build_document(item, entry)
            english.append({"document": document.pk, "label": entry["label"]})
            spanish.append({"document": document.pk, "label": spanish_entry["label"]})
            if "filename" in spanish_entry:
                overrides[document.pk] = self.build_document(item, spanish_entry).pk
        return english, spanish

    def build_document(self, item, entry):
        """A small real PDF titled with the item's title in the file's language."""
        language = entry["language"]
        title = item["title"] if language == "en" else item["es"]["title"]
        Document = get_document_model()
        document = Document.objects.filter(collection=self.collection, title=title).first()
        if document is None:
            text = self.document_text[language]
            pages = entry["pages"]
            footers = [text["page"].format(number=n, total=pages) for n in range(1, pages + 1)]
            document = Document(
                title=title,
                language=language,
                collection=self.collection,
                file=File(placeholder_pdf(title, text["text"], footers), name=entry["filename"]),
            )
            document._set_document_file_metadata()
            document.save()
        return document

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
