"""Downloads: the file info beside every link, counting, uploads, and Spanish files."""

import json
import re
import threading
from urllib.parse import urlencode

import factory
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection
from wagtail_localize.models import OverridableSegment, Translation, TranslationSource

from resources.models import DownloadCount, ResourceDocument
from tests.home.factories import StandardPageFactory
from tests.resources.factories import DocumentFactory, ReportPageFactory

pytestmark = pytest.mark.django_db

MEGABYTES_2_4 = 2_516_582


def downloads_of(document):
    return DownloadCount.objects.filter(document=document).values_list("count", flat=True).first()


@pytest.mark.parametrize(
    ("language", "filename", "size", "expected"),
    [
        ("en", "report.pdf", MEGABYTES_2_4, "(PDF, 2.4\xa0MB, English)"),
        ("es", "report.pdf", MEGABYTES_2_4, "(PDF, 2,4\xa0MB, Inglés)"),
        ("en", "plan.docx", 12_288, "(Word document, 12.0\xa0KB, English)"),
        ("es", "plan.docx", 12_288, "(Documento de Word, 12,0\xa0KB, Inglés)"),
        ("en", "slides.pptx", 5_242_880, "(PowerPoint slides, 5.0\xa0MB, English)"),
        ("es", "materials.zip", 900, "(Archivo ZIP, 900\xa0bytes, Inglés)"),
    ],
)
def test_download_links_show_type_size_and_language_in_the_readers_language(
    client, home, spanish_home, language, filename, size, expected
):
    document = DocumentFactory(file=factory.django.FileField(filename=filename), file_size=size)
    StandardPageFactory(
        parent=home,
        slug="materials",
        body=[("document_download", {"document": document, "label": "Get it"})],
    )
    spanish = spanish_home.locale
    StandardPageFactory(
        parent=spanish_home,
        slug="materials",
        locale=spanish,
        body=[("document_download", {"document": document, "label": "Descárgalo"})],
    )

    html = client.get(f"/{language}/materials/").content.decode()
    assert f'<a class="download__link" href="{document.url}" hreflang="en"' in html
    assert expected in html


def test_each_download_is_counted_and_a_head_request_is_not(client):
    document = DocumentFactory()
    assert client.get(document.url).status_code == 200
    assert client.get(document.url).status_code == 200
    assert client.head(document.url).status_code == 200
    assert downloads_of(document) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_downloads_are_all_counted():
    document = DocumentFactory()
    threads, per_thread = 8, 5
    barrier = threading.Barrier(threads)
    errors = []

    def download():
        try:
            browser = Client()
            barrier.wait()
            for _ in range(per_thread):
                assert browser.get(document.url).status_code == 200
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=download) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    assert downloads_of(document) == threads * per_thread


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "Page not found"),
        ({"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}, "Página no encontrada"),
    ],
)
def test_deleted_document_is_a_404_in_the_visitors_language(client, home, headers, message):
    document = DocumentFactory()
    url = document.url
    document.delete()
    response = client.get(url, **headers)
    assert response.status_code == 404
    assert message in response.content.decode()


def test_deleted_document_is_a_404_in_the_language_the_visitor_reads_in(client, spanish_home):
    document = DocumentFactory()
    url = document.url
    document.delete()
    client.get("/es/")
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_deleted_document_is_no_longer_offered(client, library):
    kept, deleted = DocumentFactory(title="Kept"), DocumentFactory(title="Deleted")
    report = ReportPageFactory(
        parent=library,
        downloads=[
            ("document_download", {"document": kept, "label": ""}),
            ("document_download", {"document": deleted, "label": ""}),
        ],
    )
    deleted.delete()
    for url in (report.url, library.url):
        html = client.get(url).content.decode()
        assert "Kept</a>" in html
        assert "Deleted" not in html


def test_translator_can_offer_the_spanish_file_in_the_spanish_translation(
    superuser_client,
    library,
    spanish_library,
    spanish,
    translate_now,
    django_capture_on_commit_callbacks,
):
    english_file = DocumentFactory(title="Who's Behind ICE?", file_size=MEGABYTES_2_4)
    spanish_file = DocumentFactory(
        title="¿Quién está detrás de ICE?",
        file=factory.django.FileField(filename="informe.pdf"),
        file_size=1_048_576,
        language="es",
    )
    report = ReportPageFactory(
        parent=library,
        title="Who's Behind ICE?",
        slug="whos-behind-ice",
        downloads=[("document_download", {"document": english_file, "label": "Read the report"})],
    )
    spanish_report = translate_now(report, spanish, {"Read the report": "Lee el informe"})
    editor = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[spanish_report.pk]))
    assert "{&quot;type&quot;: &quot;document_chooser&quot;}" in editor.content.decode()

    # The translator chooses the Spanish file in the translation editor.
    source = TranslationSource.objects.get_for_instance(report)
    translation = Translation.objects.get(source=source, target_locale=spanish)
    segment = OverridableSegment.objects.get(source=source, context__path__endswith=".document")
    assert json.loads(segment.data_json) == english_file.pk
    response = superuser_client.put(
        reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk]),
        urlencode({"value": spanish_file.pk}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    html = superuser_client.get("/es/resources/whos-behind-ice/").content.decode()
    assert f'<a class="download__link" href="{spanish_file.url}" hreflang="es"' in html
    assert "Lee el informe</a>" in html
    assert "(PDF, 1,0\xa0MB, Español)" in html
    assert english_file.url not in html
    assert (
        english_file.url in superuser_client.get("/en/resources/whos-behind-ice/").content.decode()
    )


def test_editors_see_download_counts_most_downloaded_first(superuser_client):
    DocumentFactory(title="Never downloaded")
    popular = DocumentFactory(title="Know your rights flyer")
    DownloadCount.objects.create(document=popular, count=8889)

    response = superuser_client.get(reverse("downloads_report"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Know your rights flyer") < html.index("Never downloaded")
    assert "8889" in html

    response = superuser_client.get(reverse("downloads_report"), {"export": "csv"})
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[0] == "Document,File name,Language,Downloads"
    assert rows[1] == f"Know your rights flyer,{popular.filename},en,8889"


def drop_on_multiple_upload(client, filename, content):
    """Upload a file as an editor dropping it on the admin's upload page; the new document."""
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile(filename, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.json()["success"] is True
    return ResourceDocument.objects.get(pk=response.json()["doc_id"])


def test_a_document_the_editors_group_uploads_is_listed_chosen_and_its_downloads_counted(
    editor_client,
):
    document = drop_on_multiple_upload(editor_client, "rights-card.pdf", b"%PDF-1.4 card")
    assert document.title == "rights-card.pdf"

    library = editor_client.get(reverse("wagtaildocs:index")).content.decode()
    assert f'<span id="document_{document.pk}_title">rights-card.pdf</span>' in library
    chooser = editor_client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    choice = reverse("wagtaildocs_chooser:chosen", args=[document.pk])
    assert re.search(
        rf'data-chooser-modal-choice href="{choice}">\s*rights-card\.pdf\s*</a>', chooser
    )

    visitor = Client()
    for _ in range(2):
        assert visitor.get(document.url).status_code == 200
    response = editor_client.get(reverse("downloads_report"), {"export": "csv"})
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[1:] == [f"rights-card.pdf,{document.filename},en,2"]


def test_uploaded_file_is_in_english_until_the_editor_says_otherwise(superuser_client):
    document = drop_on_multiple_upload(superuser_client, "report.pdf", b"%PDF-1.4 report")
    assert document.language == "en"

    response = superuser_client.post(
        reverse("wagtaildocs:edit_multiple", args=[document.pk]),
        {
            f"doc-{document.pk}-title": "Informe",
            f"doc-{document.pk}-collection": document.collection_id,
            f"doc-{document.pk}-tags": "",
            f"doc-{document.pk}-language": "es",
        },
    )
    assert response.json()["success"] is True
    document.refresh_from_db()
    assert document.language == "es"


@pytest.mark.parametrize("filename", ["virus.exe", "page.html", "notes.txt"])
def test_upload_of_a_file_type_not_allowed_is_refused_with_a_clear_error(
    superuser_client, filename
):
    response = superuser_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(filename, b"not a document")},
    )
    extension = filename.rsplit(".", 1)[1]
    assert response.json() == {
        "success": False,
        "error_message": (
            f"File extension “{extension}” is not allowed. "
            "Allowed extensions are: pdf, docx, odt, epub, pptx, zip."
        ),
    }

    response = superuser_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Not a document",
            "file": SimpleUploadedFile(filename, b"not a document"),
            "collection": DocumentFactory().collection_id,
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert f"File extension “{extension}” is not allowed." in response.content.decode()
    assert not ResourceDocument.objects.filter(title="Not a document").exists()
