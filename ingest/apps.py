from django.apps import AppConfig
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .importer.messages import use_translation


class IngestConfig(AppConfig):
    """Bringing pieces in and out: the pure importer, staging, import jobs, the admin
    import screen, ``import_articles`` and ``export_articles``."""

    name = "ingest"
    verbose_name = _("Import and export")

    def ready(self):
        # The pure importer's messages, in the language active when they are shown.
        use_translation(gettext, ngettext)
