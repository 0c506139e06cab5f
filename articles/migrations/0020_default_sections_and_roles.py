"""A default set of sections, editable in the desk afterwards, and the desk roles'
permissions on sections, tags and authors.

Both lists are written out here (not imported) so that this migration keeps doing
what it did when it was written. Reversing it removes the sections it made that no
article uses, and the permissions it gave.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

#: (order, name, slug)
SECTIONS = [
    (10, "سياسة", "سياسة"),
    (20, "اقتصاد", "اقتصاد"),
    (30, "دولي", "دولي"),
    (40, "رياضة", "رياضة"),
    (50, "ثقافة", "ثقافة"),
    (60, "علوم وتكنولوجيا", "علوم-وتكنولوجيا"),
    (70, "صحة", "صحة"),
    (80, "منوعات", "منوعات"),
    (90, "رأي", "رأي"),
]
_REPORTER = ["view_section", "view_tag", "add_tag", "view_tagalias", "view_author"]
_EDITOR = [
    *_REPORTER,
    "add_section",
    "change_section",
    "change_tag",
    "merge_tags",
    "add_tagalias",
    "change_tagalias",
    "delete_tagalias",
    "add_author",
    "change_author",
]
_CHIEF = [*_EDITOR, "delete_section", "delete_tag", "delete_author"]
GROUPS = {"مراسل": _REPORTER, "محرر": _EDITOR, "رئيس التحرير": _CHIEF}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="articles", codename__in=codenames
    )


def add_sections_and_permissions(apps, schema_editor):
    Section = apps.get_model("articles", "Section")
    for order, name, slug in SECTIONS:
        Section.objects.get_or_create(name=name, defaults={"slug": slug, "order": order})
    # On a fresh database the Permission rows are only made by post_migrate, after
    # every migration has run: make them now so the groups get them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*_permissions(apps, codenames))


def remove_sections_and_permissions(apps, schema_editor):
    Section = apps.get_model("articles", "Section")
    Section.objects.filter(
        name__in=[name for _order, name, _slug in SECTIONS],
        primary_articles__isnull=True,
        articles__isnull=True,
        children__isnull=True,
    ).delete()
    Group = apps.get_model("auth", "Group")
    for name, codenames in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_sections_tags_authors"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(
            add_sections_and_permissions, remove_sections_and_permissions
        ),
    ]
