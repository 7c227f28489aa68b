"""Factories for every resources page type, snippet and document."""

import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from resources.models import (
    BlogIndexPage,
    BlogPage,
    Category,
    GuidePage,
    Partner,
    ReportPage,
    ResourceDocument,
    ResourceIndexPage,
    ToolkitPage,
    Topic,
)


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4 a report")
    file_size = factory.LazyAttribute(lambda document: document.file.size)
    language = "en"
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = ResourceDocument


class ImageFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=800, height=450)
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = get_image_model()


class TermFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.LazyAttribute(lambda term: slugify(term.name))
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        abstract = True


class CategoryFactory(TermFactory):
    class Meta:
        model = Category


class TopicFactory(TermFactory):
    class Meta:
        model = Topic


class PartnerFactory(factory.django.DjangoModelFactory):
    name = "National Immigration Project of the National Lawyers Guild"
    website = "https://nipnlg.org/"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Partner


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    intro = "News and analysis from our campaigns."

    class Meta:
        model = BlogIndexPage


class BlogPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Post {n}")
    intro = "A short introduction."
    author_line = "By Mijente staff"
    body = factory.LazyFunction(lambda: [("paragraph", "<p>We organize.</p>")])

    class Meta:
        model = BlogPage


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    intro = "Reports, toolkits and guides to download."

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = "What it is and who it is for."
    downloads = factory.LazyFunction(
        lambda: [("document_download", {"document": DocumentFactory(), "label": "Download"})]
    )

    class Meta:
        abstract = True


class ReportPageFactory(ResourcePageFactory):
    class Meta:
        model = ReportPage


class ToolkitPageFactory(ResourcePageFactory):
    class Meta:
        model = ToolkitPage


class GuidePageFactory(ResourcePageFactory):
    class Meta:
        model = GuidePage
