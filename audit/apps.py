from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit trail: who signed in or failed to, who was locked out, whose roles,
    permissions or account changed, who published or withdrew what, imported files or
    merged sources; when, and from where. Read-only, for the chief editor."""

    name = "audit"
    verbose_name = _("Audit trail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit import receivers

        receivers.connect()
