"""The two editorial roles, Editors and Translators, and what each may do in the admin.

Editors (communications staff) create, edit and publish everything in both languages.
Translators start translations, work in the translation editor, edit and publish pages
in the Spanish tree only, add images and documents to the Spanish collection, and never
see signer data.

The data migration home/migrations/*_roles.py applies these rules. `apply_roles` is idempotent and
works with a migration's historical apps as well as the live app registry, so a later
migration can call it again when new models bring new permissions (the petitions app's
`view_signature`, for example).
"""

from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_save
from django.dispatch import receiver

from home.languages import TRANSLATION_LANGUAGE

EDITORS = "Editors"
TRANSLATORS = "Translators"
SPANISH_COLLECTION = "Spanish"

# Both roles work in the admin and may start and sync translations.
ADMIN_PERMISSIONS = ["wagtailadmin.access_admin", "wagtail_localize.submit_translation"]

# Editors get every permission on these apps' models (snippets and the like)...
CONTENT_APPS = ["home", "resources", "petitions"]
# ...except models holding signers' personal data, where they get only these.
SIGNER_DATA = {"petitions.signature": ["view_signature"]}

EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "publish_page"]

# Wagtail checks image and document permissions against its own Image and Document
# models, even where the site configures custom ones.
MEDIA_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]
    for action in ("add", "change", "delete", "choose")
]
TRANSLATOR_CHOOSE_PERMISSIONS = ["wagtailimages.choose_image", "wagtaildocs.choose_document"]
TRANSLATOR_ADD_PERMISSIONS = ["wagtailimages.add_image", "wagtaildocs.add_document"]


def apply_roles(apps):
    """Create or update both groups, their permissions, and the Spanish collection."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page = apps.get_model("wagtailcore", "Page")

    create_all_permissions(apps)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)

    editors.permissions.add(
        *permissions(apps, ADMIN_PERMISSIONS),
        *content_permissions(apps),
        *permissions(apps, signer_data_permission_names()),
    )
    translators.permissions.add(*permissions(apps, ADMIN_PERMISSIONS))

    root_page = Page.objects.get(depth=1)
    grant_page_permissions(apps, editors, root_page, EDITOR_PAGE_PERMISSIONS)
    grant_translators_spanish_tree(apps)

    root_collection = Collection.objects.get(depth=1)
    spanish_collection = child_collection(apps, root_collection, SPANISH_COLLECTION)
    grant_collection_permissions(apps, editors, root_collection, MEDIA_PERMISSIONS)
    grant_collection_permissions(apps, translators, root_collection, TRANSLATOR_CHOOSE_PERMISSIONS)
    grant_collection_permissions(apps, translators, spanish_collection, TRANSLATOR_ADD_PERMISSIONS)


def grant_translators_spanish_tree(apps):
    """Let Translators edit and publish every page under each Spanish home page."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    translators = Group.objects.filter(name=TRANSLATORS).first()
    if translators is None:
        return
    for home in Page.objects.filter(depth=2, locale__language_code=TRANSLATION_LANGUAGE):
        grant_page_permissions(apps, translators, home, TRANSLATOR_PAGE_PERMISSIONS)


@receiver(post_save, sender="home.HomePage")
def grant_translators_new_spanish_home(sender, instance, created, raw=False, **kwargs):
    """The Spanish home page appears when the English one is first translated."""
    if created and not raw and instance.locale.language_code == TRANSLATION_LANGUAGE:
        from django.apps import apps

        grant_translators_spanish_tree(apps)


def create_all_permissions(apps):
    """Create the models' permissions now: Django only does it after the last migration."""
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module


def signer_data_permission_names():
    return [
        f"{model.split('.')[0]}.{codename}"
        for model, codenames in SIGNER_DATA.items()
        for codename in codenames
    ]


def permissions(apps, names):
    """The permissions named "app_label.codename" that exist; missing ones are skipped."""
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    return found


def content_permissions(apps):
    """Every permission on the content apps' non-page models, signer data excepted."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label in CONTENT_APPS:
        try:
            models = apps.get_app_config(app_label).get_models()
        except LookupError:
            continue
        for model in models:
            if issubclass(model, Page) or model._meta.label_lower in SIGNER_DATA:
                continue
            content_type = ContentType.objects.get_for_model(model)
            found.extend(Permission.objects.filter(content_type=content_type))
    return found


def grant_page_permissions(apps, group, page, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for permission in permissions(apps, [f"wagtailcore.{codename}" for codename in codenames]):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection_permissions(apps, group, collection, names):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for permission in permissions(apps, names):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def child_collection(apps, parent, name):
    """The child collection of `parent` called `name`, created if missing.

    Builds the tree path by hand, as historical models lack treebeard's methods.
    """
    Collection = apps.get_model("wagtailcore", "Collection")
    children = Collection.objects.filter(depth=parent.depth + 1, path__startswith=parent.path)
    existing = children.filter(name=name).first()
    if existing is not None:
        return existing
    last = children.order_by("-path").first()
    step = int(last.path[-4:], 36) + 1 if last else 1
    collection = Collection.objects.create(
        name=name,
        depth=parent.depth + 1,
        path=parent.path + base36(step).rjust(4, "0"),
        numchild=0,
    )
    parent.numchild = children.count()
    parent.save(update_fields=["numchild"])
    return collection


def base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    encoded = ""
    while number:
        number, remainder = divmod(number, 36)
        encoded = digits[remainder] + encoded
    return encoded or "0"
