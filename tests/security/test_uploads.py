"""Uploads: only real files of the allowed types, no larger than the limits, and
documents that always download instead of opening as a page of this site."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.models import Collection

Document = get_document_model()

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def png_bytes():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
PPTX = zip_bytes({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})
ODT = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<o/>"})
EPUB = zip_bytes({"mimetype": "application/epub+zip", "META-INF/container.xml": "<c/>"})
ZIP = zip_bytes({"toolkit/readme.txt": "Conoce tus derechos"})


def upload(client, kind, name, content):
    """Upload through the admin's add form for `kind` ("documents" or "images")."""
    return client.post(
        f"/admin/{kind}/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_document(client, name, content):
    return upload(client, "documents", name, content)


def upload_image(client, name, content):
    return upload(client, "images", name, content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PDF),
        ("guide.docx", DOCX),
        ("slides.pptx", PPTX),
        ("flyer.odt", ODT),
        ("book.epub", EPUB),
        ("toolkit.zip", ZIP),
    ],
)
def test_editor_uploads_a_real_document_of_each_allowed_type(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302
    assert Document.objects.get(title=name).file.read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", HTML),
        ("guide.docx", ZIP),
        ("slides.pptx", DOCX),
        ("flyer.odt", EPUB),
        ("book.epub", ZIP),
        ("toolkit.zip", PDF),
    ],
)
def test_a_document_whose_content_is_not_its_type_is_refused(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert "is not really a" in response.content.decode()
    assert not Document.objects.filter(title=name).exists()


def test_an_html_page_renamed_pdf_is_refused_with_a_clear_message(admin_client):
    html = upload_document(admin_client, "petition.pdf", HTML).content.decode()
    assert (
        "This file is not really a PDF file, whatever its name says. "
        "Save it again as PDF from the program that made it, then upload it."
    ) in html


def test_the_multiple_uploader_checks_content_too(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("petition.pdf", HTML)},
    )
    assert response.json()["success"] is False
    assert not Document.objects.exists()


def test_other_extensions_are_refused(admin_client):
    response = upload_document(admin_client, "page.html", HTML)
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_an_html_page_renamed_png_is_refused(admin_client):
    response = upload_image(admin_client, "photo.png", HTML)
    assert response.status_code == 200
    assert "Not a valid .png image" in response.content.decode()
    assert not Image.objects.exists()


def test_a_real_image_is_accepted(admin_client):
    assert upload_image(admin_client, "photo.png", png_bytes()).status_code == 302
    assert Image.objects.get().width == 8


def test_documents_larger_than_the_limit_are_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = len(PDF) - 1
    response = upload_document(admin_client, "report.pdf", PDF)
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Document.objects.exists()


def test_images_larger_than_the_limit_are_refused(admin_client, settings):
    content = png_bytes()
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(content) - 1
    response = upload_image(admin_client, "photo.png", content)
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Image.objects.exists()


def test_a_request_larger_than_any_upload_is_refused_before_it_is_read(client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/admin/documents/add/", data=b"x" * 2001, content_type="application/octet-stream"
    )
    assert response.status_code == 413


@pytest.mark.parametrize("name", ["report.pdf", "notes.zip"])
def test_documents_always_download_and_are_never_sniffed(client, name):
    document = Document.objects.create(title=name, file=ContentFile(PDF, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == PDF
