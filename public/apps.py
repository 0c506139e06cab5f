from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public right-to-left site: pages, search page, feeds, sitemaps."""

    name = "public"
    verbose_name = _("Public site")
