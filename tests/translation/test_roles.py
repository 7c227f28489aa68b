"""Editors and Translators, as the data migration sets them up, tested through the admin."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.roles import EDITORS, SPANISH_COLLECTION, TRANSLATORS, apply_roles
from tests.home.factories import StandardPageFactory
from tests.translation.workflow import (
    add_standard_page,
    open_editor,
    page_form,
    publish,
    start_translation,
    translate_segments,
    upload_document,
    upload_image,
)

pytestmark = pytest.mark.django_db

ADMIN_HOME = reverse("wagtailadmin_home")


@pytest.fixture
def english_page(home):
    return StandardPageFactory(parent=home, title="Know your rights", slug="know-your-rights")


@pytest.fixture
def spanish_collection():
    return Collection.objects.get(name=SPANISH_COLLECTION)


def test_migration_creates_both_groups_and_no_users(django_user_model):
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, TRANSLATORS}
    assert django_user_model.objects.count() == 0


def test_applying_the_roles_again_changes_nothing():
    def snapshot():
        return (
            sorted(Group.objects.values_list("name", "permissions__codename")),
            GroupPagePermission.objects.count(),
            Collection.objects.count(),
        )

    before = snapshot()
    apply_roles(apps)
    assert snapshot() == before


def test_editors_create_and_publish_pages_in_both_languages(editor_client, home, spanish_home):
    response = add_standard_page(editor_client, home, "Our campaigns", "campaigns")
    assert response.status_code == 302
    response = add_standard_page(editor_client, spanish_home, "Nuestras campañas", "campanas")
    assert response.status_code == 302

    assert editor_client.get("/en/campaigns/").status_code == 200
    assert editor_client.get("/es/campanas/").status_code == 200


def test_editors_edit_english_and_spanish_snippets(editor_client, chrome):
    header, _footer = chrome
    url = reverse("wagtailsnippets_home_header:edit", args=[header.pk])
    response = editor_client.post(
        url, nested_form_data({"site_name": "Mijente", "menu": streamfield([])})
    )
    assert response.status_code == 302
    spanish_header = header.get_translation(header.get_translations().first().locale)
    response = editor_client.get(
        reverse("wagtailsnippets_home_header:edit", args=[spanish_header.pk])
    )
    assert response.status_code == 200
    assert "translation-editor" in response.content.decode()


@pytest.mark.parametrize("collection_name", ["Root", SPANISH_COLLECTION])
def test_editors_upload_images_and_documents_to_any_collection(editor_client, collection_name):
    collection = Collection.objects.get(name=collection_name)
    assert upload_image(editor_client, collection).status_code == 302
    assert upload_document(editor_client, collection).status_code == 302

    image = get_image_model().objects.get(title="Marcha")
    document = get_document_model().objects.get(title="Guía")
    assert (image.collection, document.collection) == (collection, collection)
    assert (image.width, image.height) == (640, 480)
    with document.open_file() as upload:
        assert upload.read() == b"%PDF-1.4 test"


def test_editors_see_the_translation_editor_of_spanish_pages(
    editor_client, english_page, spanish_home
):
    translation = start_translation(editor_client, english_page)
    response = open_editor(editor_client, translation)
    assert response.status_code == 200
    assert "translation-editor" in response.content.decode()


def test_translators_translate_and_publish_spanish_pages(
    translator_client, english_page, spanish_home
):
    translation = start_translation(translator_client, english_page)
    assert open_editor(translator_client, translation).status_code == 200
    saved = translate_segments(
        translator_client, translation, {"Know your rights": "Conoce tus derechos"}
    )
    assert saved == 1
    publish(translator_client, translation)

    spanish_page = translation.get_target_instance()
    assert spanish_page.live
    assert translator_client.get(spanish_page.url).status_code == 200
    assert "Conoce tus derechos" in translator_client.get(spanish_page.url).content.decode()


def test_translators_cannot_edit_or_publish_english_pages(translator_client, english_page):
    url = reverse("wagtailadmin_pages:edit", args=[english_page.pk])
    assert translator_client.get(url)["Location"] == ADMIN_HOME
    response = translator_client.post(url, page_form("Changed", english_page.slug, "", []))
    assert response["Location"] == ADMIN_HOME
    english_page.refresh_from_db()
    assert english_page.title == "Know your rights"


def test_translators_cannot_unpublish_move_or_delete_english_pages(
    translator_client, home, english_page
):
    other_parent = StandardPageFactory(parent=home, title="About", slug="about")
    attempts = [
        reverse("wagtailadmin_pages:unpublish", args=[english_page.pk]),
        reverse("wagtailadmin_pages:move_confirm", args=[english_page.pk, other_parent.pk]),
        reverse("wagtailadmin_pages:delete", args=[english_page.pk]),
    ]
    for url in attempts:
        response = translator_client.post(url)
        assert response["Location"] == ADMIN_HOME, url

    english_page.refresh_from_db()
    assert english_page.live
    assert english_page.get_parent().pk == home.pk


def test_translators_cannot_add_pages_to_the_english_tree(translator_client, home):
    response = add_standard_page(translator_client, home, "Sneaky", "sneaky")
    assert response["Location"] == ADMIN_HOME
    assert not Page.objects.filter(slug="sneaky").exists()


def test_translators_get_the_spanish_tree_when_the_home_page_is_translated(spanish_home):
    granted = GroupPagePermission.objects.filter(group__name=TRANSLATORS, page=spanish_home)
    assert set(granted.values_list("permission__codename", flat=True)) == {
        "change_page",
        "publish_page",
    }


def test_translators_add_images_and_documents_to_the_spanish_collection_only(
    translator_client, spanish_collection
):
    assert upload_image(translator_client, spanish_collection).status_code == 302
    assert upload_document(translator_client, spanish_collection).status_code == 302
    assert get_image_model().objects.get().collection == spanish_collection
    assert get_document_model().objects.get().collection == spanish_collection

    # The Spanish collection is the only one they may add to, so Wagtail puts uploads
    # there whatever the form says.
    root = Collection.get_first_root_node()
    upload_image(translator_client, root)
    assert not get_image_model().objects.filter(collection=root).exists()


def test_signer_data_is_for_editors_to_view_and_never_for_translators(editor, translator):
    """The petitions app's Signature: granted by codename once its permissions exist."""
    signature, _ = ContentType.objects.get_or_create(app_label="petitions", model="signature")
    for codename in ("view_signature", "change_signature", "delete_signature"):
        Permission.objects.get_or_create(
            content_type=signature, codename=codename, defaults={"name": codename}
        )

    apply_roles(apps)

    assert editor.has_perm("petitions.view_signature")
    assert not editor.has_perm("petitions.change_signature")
    assert not editor.has_perm("petitions.delete_signature")
    assert not translator.has_perm("petitions.view_signature")


def test_translators_hold_no_permission_on_content_models(translator):
    """No snippet, signature or other model of the content apps: only pages, by tree."""
    content_apps = {"home", "resources", "petitions"}
    held = {perm.split(".")[0] for perm in translator.get_all_permissions()}
    assert held.isdisjoint(content_apps)
