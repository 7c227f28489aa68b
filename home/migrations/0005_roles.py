"""Create the Editors and Translators groups and the Spanish collection (see home/roles.py)."""

from django.db import migrations

from home.roles import apply_roles


def create_roles(apps, schema_editor):
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_alter_standardpage_body"),
        # Every content model exists first, so each role gets its permissions on them
        # (Editors view signatures; nobody else does).
        ("petitions", "0002_alter_petitionpage_body"),
        ("resources", "0002_document_permissions"),
        ("search", "0002_editors_promote_search_results"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
