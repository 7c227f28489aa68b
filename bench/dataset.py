"""The benchmark's dataset: a site the size of years of organizing, built in seconds.

Structural pages (homes, blog, library, petitions index) and snippets go through
Wagtail's own APIs. The thousands of posts, reports and petitions are inserted in bulk:
tree paths computed here the way treebeard does (`Page._get_path`), one multi-row
INSERT per table and batch, one search index pass per language. Spanish pages are
translations of the English ones (same translation_key), as wagtail-localize makes them.
"""

import hashlib
import itertools
import random
import uuid
from datetime import date, datetime, timedelta
from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from PIL import Image as PillowImage
from psycopg2 import sql
from psycopg2.extras import execute_values
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail.search.backends import get_search_backend

from caching.page_cache import invalidate_all
from home.models import Footer, Header, HomePage
from petitions.models import PetitionIndexPage, PetitionPage, Signature
from resources.models import (
    BlogIndexPage,
    BlogPage,
    Category,
    ReportPage,
    ResourceDocument,
    ResourceIndexPage,
    Topic,
)

POSTS_PER_LANGUAGE = 5_000
REPORTS_PER_LANGUAGE = 250
PETITIONS_PER_LANGUAGE = 500
SIGNATURES = 200_000
# Half the signatures are on one petition that went viral; the rest are spread out.
VIRAL_SIGNATURES = 100_000
IMAGES = 12
DOCUMENT_FILES = 4
BATCH = 2_000

SIGNER_EMAIL = "signer-{number}@bench.example.org"
SEARCH_WORD = "raids"

# Each page is about two of these, so a search for one finds about one page in ten.
TOPIC_WORDS = {
    "en": [
        "raids", "detention", "sanctuary", "asylum", "deportation", "border", "surveillance",
        "police", "workers", "students", "farmworkers", "elections", "census", "courts",
        "healthcare", "housing", "families", "youth", "prisons", "technology",
    ],
    "es": [
        "redadas", "detención", "santuario", "asilo", "deportación", "frontera", "vigilancia",
        "policía", "trabajadores", "estudiantes", "campesinos", "elecciones", "censo",
        "tribunales", "salud", "vivienda", "familias", "juventud", "prisiones", "tecnología",
    ],
}  # fmt: skip
FILLER = {
    "en": (
        "Our members across the country organized to keep families together and to hold "
        "officials accountable. We met with neighbors, called our representatives and "
        "marched until the city listened. This is what community power looks like."
    ),
    "es": (
        "Nuestros miembros en todo el país se organizaron para mantener unidas a las "
        "familias y exigir cuentas a los funcionarios. Hablamos con los vecinos, llamamos "
        "a nuestros representantes y marchamos hasta que la ciudad escuchó."
    ),
}
CATEGORIES = [
    ("Blog", "blog", "Blog", "blog-es"),
    ("Press release", "press-release", "Comunicado de prensa", "comunicado-de-prensa"),
    ("Campaign update", "campaign-update", "Noticias de campaña", "noticias-de-campana"),
    ("Analysis", "analysis", "Análisis", "analisis"),
]
TOPICS = [
    ("Know your rights", "know-your-rights", "Conoce tus derechos", "conoce-tus-derechos"),
    ("Surveillance", "surveillance", "Vigilancia", "vigilancia"),
    ("Detention", "detention", "Detención", "detencion"),
]


def expected_counts():
    return {
        "posts": 2 * POSTS_PER_LANGUAGE,
        "reports": 2 * REPORTS_PER_LANGUAGE,
        "petitions": 2 * PETITIONS_PER_LANGUAGE,
        "signatures": SIGNATURES,
    }


def dataset_signatures():
    return Signature.objects.filter(
        email__startswith="signer-", email__endswith="@bench.example.org"
    )


def current_counts():
    return {
        "posts": BlogPage.objects.live().count(),
        "reports": ReportPage.objects.live().count(),
        "petitions": PetitionPage.objects.live().count(),
        "signatures": dataset_signatures().count(),
    }


def is_empty():
    """Whether the database holds only what its migrations create."""
    return not Page.objects.filter(depth__gt=2).exists()


def is_built():
    """Whether the dataset is there with the right counts, and its files with it."""
    if current_counts() != expected_counts():
        return False
    image = get_image_model().objects.order_by("pk").first()
    return image is not None and default_storage.exists(image.file.name)


class Builder:
    def __init__(self, log=print):
        self.log = log
        self.random = random.Random(2018)
        self.english = Locale.objects.get(language_code="en")
        self.spanish = Locale.objects.get(language_code="es")
        self.now = timezone.now()

    def build(self):
        self.images = self.build_images()
        self.categories = self.build_terms(Category, CATEGORIES)
        self.topics = self.build_terms(Topic, TOPICS)
        self.build_structure()
        self.log("  posts")
        posts = self.build_posts()
        self.log("  reports and their documents")
        reports = self.build_reports()
        self.log("  petitions and signatures")
        petitions = self.build_petitions()
        self.build_signatures(petitions)
        self.build_featured(posts, petitions)
        self.log("  search index (both languages)")
        for model, pages in ((BlogPage, posts), (ReportPage, reports), (PetitionPage, petitions)):
            self.index(model, pages)
        invalidate_all()

    # Structure: what an editor builds once, through Wagtail's own APIs.

    def build_images(self):
        collection = Collection.get_first_root_node()
        images = []
        for number in range(IMAGES):
            colour = tuple(self.random.randrange(40, 200) for _ in range(3))
            buffer = BytesIO()
            PillowImage.new("RGB", (1600, 900), colour).save(buffer, format="JPEG", quality=80)
            images.append(
                get_image_model().objects.create(
                    title=f"Bench photo {number}",
                    description=f"Organizers at action number {number}",
                    collection=collection,
                    file=ImageFile(buffer, name=f"bench-{number}.jpg"),
                    file_hash=hashlib.sha1(buffer.getvalue(), usedforsecurity=False).hexdigest(),
                )
            )
        return images

    def build_terms(self, model, rows):
        terms = []
        for name, slug, spanish_name, spanish_slug in rows:
            term = model.objects.create(name=name, slug=slug, locale=self.english)
            translation = term.copy_for_translation(self.spanish)
            translation.name, translation.slug = spanish_name, spanish_slug
            translation.save()
            terms.append(term)
        return terms

    def publish_translation(self, page, **fields):
        translation = page.copy_for_translation(self.spanish)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        return translation

    def add_index(self, home, model, **fields):
        page = home.add_child(instance=model(**fields))
        page.save_revision().publish()
        return page

    def build_structure(self):
        home = HomePage.objects.get(locale=self.english, depth=2)
        home.title, home.hero_heading = "Home", "Organizing for migrant justice"
        home.hero_text = "Mijente is a political home for Latinx and Chicanx organizers."
        home.intro = "<p>We fight deportations, detention and the surveillance of our people.</p>"
        home.save_revision().publish()
        spanish_home = self.publish_translation(
            home,
            title="Inicio",
            hero_heading="Organizándonos por la justicia migrante",
            hero_text="Mijente es un hogar político para organizadores latinx y chicanx.",
        )
        self.blog = self.add_index(
            home, BlogIndexPage, title="Blog", slug="blog", intro="News from our campaigns."
        )
        self.library = self.add_index(
            home, ResourceIndexPage, title="Resources", slug="resources", intro="Reports."
        )
        self.petition_index = self.add_index(
            home, PetitionIndexPage, title="Petitions", slug="petitions", intro="Sign now."
        )
        self.spanish_blog = self.publish_translation(self.blog, title="Blog")
        self.spanish_library = self.publish_translation(
            self.library, title="Recursos", slug="recursos"
        )
        self.spanish_petition_index = self.publish_translation(
            self.petition_index, title="Peticiones", slug="peticiones"
        )
        self.homes = {"en": home, "es": spanish_home}

        menu = [
            ("link", {"page": self.blog, "url": "", "label": ""}),
            ("link", {"page": self.library, "url": "", "label": ""}),
            ("link", {"page": self.petition_index, "url": "", "label": ""}),
            ("link", {"page": None, "url": "https://mijente.net/", "label": "Mijente"}),
        ]
        header = Header.objects.create(site_name="Mijente Hub", locale=self.english, menu=menu)
        header.copy_for_translation(self.spanish).save()
        footer = Footer.objects.create(
            locale=self.english,
            text='<p>Mijente is a <a href="https://mijente.net/">political home</a>.</p>',
            legal_disclaimer="Paid for by Mijente.",
            social_links=[
                ("social_link", {"platform": "instagram", "url": "https://instagram.com/mijente"}),
                ("social_link", {"platform": "x", "url": "https://x.com/mijente"}),
            ],
        )
        spanish_footer = footer.copy_for_translation(self.spanish)
        spanish_footer.legal_disclaimer = "Pagado por Mijente."
        spanish_footer.save()

    def build_featured(self, posts, petitions):
        home = self.homes["en"]
        home.featured_items = [
            ("featured_page", {"page": page, "blurb": ""}) for page in posts[:3] + petitions[:1]
        ]
        home.save_revision().publish()

    # Content: thousands of pages, inserted in bulk.

    def text(self, language, words):
        return f"{FILLER[language]} {' '.join(words)}."

    def topic_words(self, number):
        chosen = self.random.sample(range(len(TOPIC_WORDS["en"])), 2)
        return {language: [words[i] for i in chosen] for language, words in TOPIC_WORDS.items()}

    def in_both_languages(self, count, make):
        """`count` English pages and their Spanish translations, as made by `make`."""
        pages = {"en": [], "es": []}
        for number in range(count):
            key = uuid.uuid4()
            words = self.topic_words(number)
            published = self.now - timedelta(days=number // 2, minutes=number)
            for language in ("en", "es"):
                page = make(number, language, words[language])
                page.translation_key = key
                page.locale = self.english if language == "en" else self.spanish
                page.first_published_at = page.last_published_at = published
                pages[language].append(page)
        return pages

    def build_posts(self):
        def make(number, language, words):
            title = {"en": "Post", "es": "Publicación"}[language]
            post = BlogPage(
                title=f"{title} {number}: {' '.join(words)}",
                slug=f"post-{number}",
                intro="",
                author_line="By Mijente staff",
                publication_date=date(2025, 12, 31) - timedelta(days=number // 2),
                image=self.images[number % IMAGES],
                body=[
                    ("heading", {"text": " ".join(words).capitalize(), "level": "h2"}),
                    ("paragraph", f"<p>{self.text(language, words)}</p>"),
                    ("paragraph", f"<p>{FILLER[language]}</p>"),
                ],
            )
            post.category_ids = [self.categories[number % len(CATEGORIES)].pk]
            return post

        pages = self.in_both_languages(POSTS_PER_LANGUAGE, make)
        insert_pages(self.blog, pages["en"])
        insert_pages(self.spanish_blog, pages["es"])
        through = BlogPage.categories.through
        through.objects.bulk_create(
            [
                through(blogpage_id=post.pk, category_id=category_id)
                for post in pages["en"] + pages["es"]
                for category_id in post.category_ids
            ],
            batch_size=BATCH,
        )
        return pages["en"] + pages["es"]

    def build_documents(self):
        files = []
        for number in range(DOCUMENT_FILES):
            content = b"%PDF-1.4\n% Hub benchmark report " + str(number).encode() * 2000
            name = default_storage.save(
                f"documents/bench-report-{number}.pdf", ContentFile(content)
            )
            files.append(
                (name, len(content), hashlib.sha1(content, usedforsecurity=False).hexdigest())
            )
        collection = Collection.get_first_root_node()
        documents = []
        for number in range(2 * REPORTS_PER_LANGUAGE):
            name, size, file_hash = files[number % DOCUMENT_FILES]
            documents.append(
                ResourceDocument(
                    title=f"Report {number} (PDF)",
                    file=name,
                    file_size=size,
                    file_hash=file_hash,
                    collection=collection,
                    language="en" if number % 2 == 0 else "es",
                )
            )
        return ResourceDocument.objects.bulk_create(documents, batch_size=BATCH)

    def build_reports(self):
        documents = iter(self.build_documents())

        def make(number, language, words):
            title = {"en": "Report", "es": "Informe"}[language]
            return ReportPage(
                title=f"{title} {number}: {' '.join(words)}",
                slug=f"report-{number}",
                summary=self.text(language, words),
                publication_date=date(2025, 12, 31) - timedelta(days=number * 7),
                image=self.images[number % IMAGES],
                downloads=[("document_download", {"document": next(documents), "label": ""})],
                body=[("paragraph", f"<p>{FILLER[language]}</p>")],
            )

        pages = self.in_both_languages(REPORTS_PER_LANGUAGE, make)
        insert_pages(self.library, pages["en"])
        insert_pages(self.spanish_library, pages["es"])
        reports = pages["en"] + pages["es"]
        through = ReportPage.topics.through
        through.objects.bulk_create(
            [
                through(resourcepage_id=report.pk, topic_id=self.topics[i % len(TOPICS)].pk)
                for i, report in enumerate(reports)
            ],
            batch_size=BATCH,
        )
        return reports

    def build_petitions(self):
        def make(number, language, words):
            title = {"en": "Stop the", "es": "Detengan las"}[language]
            return PetitionPage(
                title=f"{title} {' '.join(words)} {number}",
                slug=f"petition-{number}",
                summary=self.text(language, words)[:400],
                target="ICE Field Office Director",
                created_by="Mijente",
                goal=100_000 if number == 0 else 300,
                body=[("paragraph", f"<p>{FILLER[language]}</p>")],
            )

        pages = self.in_both_languages(PETITIONS_PER_LANGUAGE, make)
        insert_pages(self.petition_index, pages["en"])
        insert_pages(self.spanish_petition_index, pages["es"])
        return pages["en"] + pages["es"]

    def build_signatures(self, petitions):
        english = [page for page in petitions if page.locale_id == self.english.pk]
        viral, others = english[0], english[1:]
        keys = itertools.chain(
            itertools.repeat(viral.translation_key, VIRAL_SIGNATURES),
            itertools.islice(
                itertools.cycle(page.translation_key for page in others),
                SIGNATURES - VIRAL_SIGNATURES,
            ),
        )
        signed_at = self.now - timedelta(days=30)
        for start in range(0, SIGNATURES, 20_000):
            Signature.objects.bulk_create(
                [
                    Signature(
                        petition_key=key,
                        first_name="Ana",
                        last_name=f"Signer{number}",
                        email=SIGNER_EMAIL.format(number=number),
                        postal_code="85007",
                        language="en" if number % 3 else "es",
                        created_at=signed_at + timedelta(seconds=number),
                    )
                    for number, key in zip(
                        range(start, min(start + 20_000, SIGNATURES)), keys, strict=False
                    )
                ],
                batch_size=5_000,
            )

    def index(self, model, pages):
        ids = [page.pk for page in pages]
        for name in ("default", "spanish"):
            backend = get_search_backend(name)
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                backend.add_bulk(model, list(model.get_indexed_objects().filter(pk__in=batch)))


def insert_pages(parent, pages):
    """Add `pages` (unsaved, all of one model) as live children of `parent`, in bulk.

    One INSERT per table of the model's inheritance chain and batch, with tree paths
    computed as treebeard would give them.
    """
    model = type(pages[0])
    content_type_id = ContentType.objects.get_for_model(model).pk
    first_step = parent.numchild + 1
    for step, page in enumerate(pages, start=first_step):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type_id = content_type_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False

    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    base = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in pages],
        batch_size=BATCH,
    )
    chain = [*reversed(model._meta.get_parent_list()), model]
    for page, row in zip(pages, base, strict=True):
        for table_model in chain:
            for field in table_model._meta.local_concrete_fields:
                if field.one_to_one and field.remote_field.parent_link:
                    setattr(page, field.attname, row.pk)
        page.pk = page.id = row.pk
    for table_model in chain:
        if table_model is Page:
            continue
        fields = table_model._meta.local_concrete_fields
        insert = sql.SQL("INSERT INTO {table} ({columns}) VALUES %s").format(
            table=sql.Identifier(table_model._meta.db_table),
            columns=sql.SQL(", ").join(sql.Identifier(field.column) for field in fields),
        )
        rows = [
            [field.get_db_prep_save(getattr(page, field.attname), connection) for field in fields]
            for page in pages
        ]
        with connection.cursor() as cursor:
            execute_values(
                cursor.cursor,
                insert,
                rows,
                page_size=BATCH,
            )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)


def build(log=print):
    started = datetime.now()
    Builder(log).build()
    log(f"  built in {(datetime.now() - started).total_seconds():.0f} s")
