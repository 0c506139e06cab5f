"""The chief limits staff to some sections (desk scoping); editors and reporters do
not.

The permission list is written out here (not imported) so that this migration keeps
doing what it did when it was written.
"""

from django.db import migrations

from ._grants import group_permissions

CODENAMES = [
    "view_deskscope",
    "add_deskscope",
    "change_deskscope",
    "delete_deskscope",
]
GROUPS = ["رئيس التحرير"]


grant, revoke = group_permissions(CODENAMES, GROUPS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0026_desk_scope")]

    operations = [migrations.RunPython(grant, revoke)]
