"""A translator swaps an English image for a Spanish one in the translation editor."""

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail_localize.models import OverridableSegment

from home.roles import SPANISH_COLLECTION
from tests.home.factories import StandardPageFactory
from tests.translation.workflow import publish, start_translation, upload_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_with_image(home):
    english_image = wagtail_factories.ImageFactory(
        collection=Collection.get_first_root_node(), title="March in Phoenix"
    )
    page = StandardPageFactory(parent=home, title="Our march", slug="our-march")
    page.body = page.body.stream_block.to_python(
        [
            {
                "type": "image",
                "value": {
                    "image": {
                        "image": english_image.pk,
                        "alt_text": "Marchers",
                        "decorative": False,
                    },
                    "caption": "",
                    "credit": "",
                },
            }
        ]
    )
    page.save_revision().publish()
    return page


def file_stem(image):
    return Path(image.file.name).stem


def test_translator_chooses_any_image_and_swaps_in_a_spanish_one(
    translator_client, page_with_image, spanish_home
):
    english_image = get_image_model().objects.get()
    chooser = translator_client.get(reverse("wagtailimages_chooser:choose"))
    assert "March in Phoenix" in chooser.content.decode()

    translation = start_translation(translator_client, page_with_image)
    upload_image(translator_client, Collection.objects.get(name=SPANISH_COLLECTION))
    spanish_image = get_image_model().objects.exclude(pk=english_image.pk).get()

    segment = OverridableSegment.objects.get(
        source=translation.source, context__path__endswith=".image.image"
    )
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])
    response = translator_client.put(
        url,
        urlencode({"value": spanish_image.pk}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201, json.loads(response.content)
    publish(translator_client, translation)

    spanish_html = translator_client.get("/es/our-march/").content.decode()
    assert file_stem(spanish_image) in spanish_html
    assert file_stem(english_image) not in spanish_html
    english_html = translator_client.get("/en/our-march/").content.decode()
    assert file_stem(english_image) in english_html
