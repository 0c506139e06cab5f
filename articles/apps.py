from django.apps import AppConfig, apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_desk_roles(app_config, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver: the desk's role groups hold their permissions after every
    ``migrate`` (a permission added to a role later reaches existing databases) and
    after every ``flush``, as Django's own permissions do."""
    from .services.roles import roles_sync  # models are not ready at import time

    # Django creates the permissions in its own post_migrate receiver, which may run
    # after this one, and roles hold other apps' permissions too (sign-in lockouts):
    # make sure they exist first.
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    roles_sync()


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self):
        post_migrate.connect(sync_desk_roles, sender=self)
