from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")

    def ready(self):
        from .search_sql import ensure_triggers_after_migrate

        # SQLite drops a table's triggers when a migration rebuilds the table.
        post_migrate.connect(ensure_triggers_after_migrate, sender=self)
