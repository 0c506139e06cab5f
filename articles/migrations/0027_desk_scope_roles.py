"""The chief limits staff to some sections (desk scoping); editors and reporters do
not.

The permission list is written out here (not imported) so that this migration keeps
doing what it did when it was written.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_deskscope",
    "add_deskscope",
    "change_deskscope",
    "delete_deskscope",
]
GROUPS = ["رئيس التحرير"]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="articles", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
    # On a fresh database the Permission rows are only made by post_migrate.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("articles", "0026_desk_scope")]

    operations = [migrations.RunPython(grant, revoke)]
