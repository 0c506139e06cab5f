from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StyleConfig(AppConfig):
    name = "style"
    verbose_name = _("House style")
