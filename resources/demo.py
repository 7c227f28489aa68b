"""The resources app's part of the demo site, from resources/demo_content/.

The blog with its categories and posts, and the library with its partners, reports
and toolkits, each file a small real PDF; their index pages are where site.json
places them.
"""

from django.core.files.base import File
from django.utils.html import format_html
from wagtail.documents import get_document_model

from demo.builder import pick
from demo.data import load
from demo.placeholders import placeholder_pdf
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

RESOURCE_MODELS = {"report": ReportPage, "toolkit": ToolkitPage, "guide": GuidePage}


class ResourcesDemo:
    snippets = (Category, Partner)

    def __init__(self, builder):
        self.builder = builder

    def reset(self):
        """Delete the demo's categories and partners, in both languages."""
        for model, key, entries in (
            (Category, "slug", load("blog_posts")["categories"]),
            (Partner, "name", load("resources")["partners"]),
        ):
            english = model.objects.filter(
                locale=self.builder.english,
                **{f"{key}__in": [entry["en"][key] for entry in entries]},
            )
            model.objects.filter(translation_key__in=english.values("translation_key")).delete()

    def build(self, parent):
        """The blog and the library under `parent`, their pages added for publishing."""
        site, blog, resources = load("site"), load("blog_posts"), load("resources")
        self.builder.build_images(blog["images"] + resources["images"])
        self.document_text = resources["document_text"]
        posts = blog["blog_posts"] + [item for item in resources["items"] if item["kind"] == "post"]
        self.build_blog(parent, site["blog_index"], blog["categories"], posts)
        self.build_library(parent, site["resource_index"], resources)

    def build_blog(self, parent, index, category_entries, posts):
        builder = self.builder
        category_by_name = {
            entry["en"]["name"]: builder.build_snippet(Category, entry, key="slug")
            for entry in category_entries
        }
        blog = builder.add_page(parent, BlogIndexPage, index["en"], index["es"])
        # Oldest first, as they were published: listings show the newest first, so posts
        # of the same day keep the data's order.
        for post in reversed(posts):
            english = {
                **pick(post, "title", "slug", "publication_date", "intro", "body"),
                **builder.image_fields(post["image"]),
            }
            spanish = post.get("es") and {**post["es"], **builder.image_fields(post["image"], "es")}
            categories = [category_by_name[name] for name in post["categories"]]
            builder.add_page(blog, BlogPage, english, spanish, categories=categories)

    def build_library(self, parent, index, data):
        builder = self.builder
        partner_by_name = {
            entry["en"]["name"]: builder.build_snippet(Partner, entry, key="name")
            for entry in data["partners"]
        }
        library = builder.add_page(parent, ResourceIndexPage, index["en"], index["es"])
        for item in data["items"]:
            if item["kind"] not in RESOURCE_MODELS:
                continue
            fields = ("title", "slug", "summary")
            english = {
                **pick(item, *fields, "publication_date"),
                **builder.image_fields(item["image"]),
            }
            spanish = {**pick(item["es"], *fields), **builder.image_fields(item["image"], "es")}
            overrides = {}
            if "documents" in item:
                english["downloads"], spanish["downloads"] = self.download_blocks(item, overrides)
            if "sections" in item:
                english["sections"], spanish["sections"] = self.toolkit_sections(item, overrides)
            builder.add_page(
                library,
                RESOURCE_MODELS[item["kind"]],
                english,
                spanish,
                overrides,
                partners=[partner_by_name[name] for name in item.get("partner_organisations", [])],
            )

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
        collection = self.builder.collection
        document = Document.objects.filter(collection=collection, title=title).first()
        if document is None:
            text = self.document_text[language]
            pages = entry["pages"]
            footers = [text["page"].format(number=n, total=pages) for n in range(1, pages + 1)]
            document = Document(
                title=title,
                language=language,
                collection=collection,
                file=File(placeholder_pdf(title, text["text"], footers), name=entry["filename"]),
            )
            document._set_document_file_metadata()
            document.save()
        return document
