from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The editorial desk: the Django admin, in Arabic and right to left."""

    name = "desk"
    verbose_name = _("Editorial desk")
