"""Frozen helper for the data migrations that give the desk's groups permissions on a
new model (0022, 0024, 0027). Not a migration (the loader skips names starting with
an underscore); it imports no live code, so each migration keeps doing what it did
when it was written, with its own list of codenames and groups."""

from django.contrib.auth.management import create_permissions


def group_permissions(codenames, groups):
    """Return ``(grant, revoke)`` for ``migrations.RunPython``: add (remove) the
    ``articles`` permissions ``codenames`` to (from) the groups named ``groups``."""

    def permissions(apps):
        Permission = apps.get_model("auth", "Permission")
        return Permission.objects.filter(
            content_type__app_label="articles", codename__in=codenames
        )

    def named_groups(apps):
        return apps.get_model("auth", "Group").objects.filter(name__in=groups)

    def grant(apps, schema_editor):
        # On a fresh database the Permission rows are only made by post_migrate.
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
        for group in named_groups(apps):
            group.permissions.add(*permissions(apps))

    def revoke(apps, schema_editor):
        for group in named_groups(apps):
            group.permissions.remove(*permissions(apps))

    return grant, revoke
