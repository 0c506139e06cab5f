"""Editors and the chief arrange the front page; reporters do not.

The permission list is written out here (not imported) so that this migration keeps
doing what it did when it was written.
"""

from django.db import migrations

from ._grants import group_permissions

CODENAMES = ["view_frontpage", "add_frontpage", "view_frontpageslot"]
GROUPS = ["محرر", "رئيس التحرير"]


grant, revoke = group_permissions(CODENAMES, GROUPS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_front_page")]

    operations = [migrations.RunPython(grant, revoke)]
