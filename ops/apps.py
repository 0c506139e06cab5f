from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site: health and readiness checks for load balancers, backups
    that restore."""

    name = "ops"
    verbose_name = _("Operations")
