from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The partners' read API: published articles in ninjs, by API key."""

    name = "api"
    verbose_name = _("Partner API")
