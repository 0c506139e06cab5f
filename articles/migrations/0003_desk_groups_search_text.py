"""The desk's three roles as groups with their permissions, and the search column of
articles that existed before it.

The permission lists are written out here (not imported) so that this migration keeps
doing what it did when it was written.
"""

import re
import unicodedata

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = [
    "view_article",
    "add_article",
    "change_article",
    "submit_article",
    "view_caption",
    "add_caption",
    "change_caption",
    "delete_caption",
    "view_image",
    "add_image",
    "change_image",
    "view_source",
    "view_sourcealias",
]
EDITOR = [*REPORTER, "publish_article", "edit_any_article"]
CHIEF = [
    *EDITOR,
    "delete_article",
    "delete_image",
    "add_source",
    "change_source",
    "delete_source",
    "merge_sources",
    "add_sourcealias",
    "change_sourcealias",
    "delete_sourcealias",
]
GROUPS = {"مراسل": REPORTER, "محرر": EDITOR, "رئيس التحرير": CHIEF}


def create_groups(apps, schema_editor):
    # On a fresh database the Permission rows are only made by post_migrate, after
    # every migration has run: make them now so the groups get them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="articles", codename__in=codenames
        )
        missing = set(codenames) - {p.codename for p in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group.permissions.add(*permissions)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


# The name fold of articles/text.py as it was when this migration was written (the
# column it fills was dropped by 0007): frozen here, not imported.
_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
    "\u0640\u200b\u200d\u200e\u200f\u061c\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
_FOLDS = str.maketrans(
    "أإآٱىة٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "اااايه01234567890123456789"
)


def match_key(text):
    key = _MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_FOLDS)
    return " ".join(re.sub(r"[-_–—/]+", " ", key.casefold()).split())


def fill_search_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.only("headline", "standfirst", "body").iterator():
        article.search_text = match_key(
            "\n".join([article.headline, article.standfirst, article.body])
        )
        batch.append(article)
        if len(batch) == 1000:
            Article.objects.bulk_update(batch, ["search_text"])
            batch = []
    Article.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_desk_history_versions_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_groups, delete_groups),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
