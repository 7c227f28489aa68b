"""Images and documents in S3-compatible object storage, switched on by the environment,
against a local S3 endpoint (moto's server on 127.0.0.1)."""

import io
import json
import subprocess
import sys
import uuid

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images.models import Image

from tests.environment import free_port, settings_value, wait_for_port

Document = get_document_model()

pytestmark = pytest.mark.django_db

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "hub-test", "AWS_SECRET_ACCESS_KEY": "hub-test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server in a subprocess on a free local port, stopped after the module."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, server, timeout=30)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A fresh bucket, and the default storage the environment would configure for it."""
    name = f"hub-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name)
    result = settings_value(
        "test",
        "s.STORAGES['default']",
        AWS_STORAGE_BUCKET_NAME=name,
        AWS_S3_ENDPOINT_URL=s3_endpoint,
        AWS_S3_REGION_NAME="us-east-1",
        **CREDENTIALS,
    )
    assert result.returncode == 0, result.stderr
    settings.STORAGES = {**settings.STORAGES, "default": json.loads(result.stdout)}

    def keys():
        listing = client.list_objects_v2(Bucket=name)
        return {item["Key"] for item in listing.get("Contents", [])}

    return keys


def png_bytes(size=(120, 80)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, "purple").save(buffer, "PNG")
    return buffer.getvalue()


def test_without_a_bucket_uploads_stay_on_the_local_disk():
    result = settings_value("test", "s.STORAGES['default']['BACKEND']")
    assert json.loads(result.stdout) == "django.core.files.storage.FileSystemStorage"


def test_an_uploaded_image_is_stored_in_the_bucket_and_read_back(bucket):
    content = png_bytes()
    image = Image.objects.create(title="March", file=ImageFile(io.BytesIO(content), "march.png"))
    assert "original_images/march.png" in bucket()
    image = Image.objects.get(pk=image.pk)
    with image.open_file() as stored:
        assert stored.read() == content
    assert (image.width, image.height) == (120, 80)


def test_renditions_are_made_from_and_saved_to_the_bucket(bucket, s3_endpoint):
    image = Image.objects.create(title="March", file=ImageFile(io.BytesIO(png_bytes()), "m.png"))
    rendition = image.get_rendition("fill-40x40")
    assert (rendition.width, rendition.height) == (40, 40)
    assert rendition.file.name in bucket()
    assert rendition.url.startswith(s3_endpoint)


def test_an_uploaded_document_is_stored_in_the_bucket_and_served_through_the_site(bucket, client):
    content = b"%PDF-1.4\nKnow your rights\n%%EOF\n"
    document = Document.objects.create(title="Rights", file=ContentFile(content, "rights.pdf"))
    assert "documents/rights.pdf" in bucket()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == content


def test_pages_may_show_images_from_the_bucket(s3_endpoint):
    result = settings_value(
        "test",
        "[s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], s.MEDIA_ORIGINS]",
        AWS_STORAGE_BUCKET_NAME="hub-media",
        AWS_S3_ENDPOINT_URL=s3_endpoint,
    )
    img_src, media_origins = json.loads(result.stdout)
    assert s3_endpoint in img_src
    assert media_origins == [s3_endpoint, s3_endpoint.replace("//", "//*.")]


def test_a_cdn_domain_for_the_bucket_is_the_only_media_origin():
    result = settings_value(
        "test",
        "[s.MEDIA_ORIGINS, s.STORAGES['default']['OPTIONS']['custom_domain']]",
        AWS_STORAGE_BUCKET_NAME="hub-media",
        AWS_S3_CUSTOM_DOMAIN="media.hub.example.org",
    )
    assert json.loads(result.stdout) == [["https://media.hub.example.org"], "media.hub.example.org"]
