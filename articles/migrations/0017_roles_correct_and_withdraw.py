"""The desk's roles learn corrections and takedowns: reporters propose corrections,
editors publish them, the chief withdraws and restores articles.

The lists are written out here (not imported) so that this migration keeps doing
what it did when it was written."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = ["view_correction", "add_correction"]
EDITOR = [*REPORTER, "publish_correction"]
CHIEF = [*EDITOR, "withdraw_article"]
GROUPS = {"مراسل": REPORTER, "محرر": EDITOR, "رئيس التحرير": CHIEF}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="articles", codename__in=codenames
    )


def grant(apps, schema_editor):
    # On a fresh database the Permission rows are only made by post_migrate, after
    # every migration has run: make them now so the groups get them.
    config = apps.get_app_config("articles")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = _permissions(apps, codenames)
        missing = set(codenames) - {p.codename for p in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*_permissions(apps, GROUPS[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_corrections_and_withdrawn"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
