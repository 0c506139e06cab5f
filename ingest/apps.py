from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    """Bringing pieces in and out: the pure importer, staging, import jobs, the admin
    import screen, ``import_articles`` and ``export_articles``."""

    name = "ingest"
    verbose_name = _("Import and export")
