from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .sql import ensure_triggers_after_migrate


class SearchConfig(AppConfig):
    """Arabic full-text search: the index kept by the database, queries, ranking."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # SQLite drops a table's triggers when a migration rebuilds the table.
        post_migrate.connect(
            ensure_triggers_after_migrate, sender=apps.get_app_config("articles")
        )
