"""Editors and the chief write and take down the breaking-news line; reporters do not.

The permission list is written out here (not imported) so that this migration keeps
doing what it did when it was written.
"""

from django.db import migrations

from ._grants import group_permissions

CODENAMES = [
    "view_breakingnews",
    "add_breakingnews",
    "change_breakingnews",
    "delete_breakingnews",
]
GROUPS = ["محرر", "رئيس التحرير"]


grant, revoke = group_permissions(CODENAMES, GROUPS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0023_breaking_news")]

    operations = [migrations.RunPython(grant, revoke)]
