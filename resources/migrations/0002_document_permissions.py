"""Give every group the same rights over resources.ResourceDocument it had over Wagtail's documents.

Wagtail's own migrations let the Editors and Moderators groups add, change, delete and
choose wagtaildocs.Document; the site now uses its own document model, so without this
only superusers could upload or choose a file.
"""

from django.db import migrations


def copy_document_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    wagtail_type, _ = ContentType.objects.get_or_create(app_label="wagtaildocs", model="document")
    our_type, _ = ContentType.objects.get_or_create(
        app_label="resources", model="resourcedocument"
    )
    for permission in Permission.objects.filter(content_type=wagtail_type):
        codename = permission.codename
        if codename != "choose_document":
            codename = codename.replace("_document", "_resourcedocument")
        ours, _ = Permission.objects.get_or_create(
            content_type=our_type,
            codename=codename,
            defaults={"name": permission.name},
        )
        for grant in GroupCollectionPermission.objects.filter(permission=permission):
            GroupCollectionPermission.objects.get_or_create(
                group_id=grant.group_id, collection_id=grant.collection_id, permission=ours
            )


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(copy_document_permissions, migrations.RunPython.noop)]
