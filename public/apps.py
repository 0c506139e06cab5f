from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public right-to-left site: pages, search page, feeds, sitemaps."""

    name = "public"
    verbose_name = _("Public site")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from articles.models import Article, Caption, Correction, Image, Source
        from articles.signals import articles_changed
        from public.freshness import site_changed

        # Model signals rather than calls in each service: every write the public
        # may see (the desk's forms and services, the importer, a source renamed or
        # merged, a photo replaced, a shell) goes through save() or delete() of
        # these models, and ``articles`` must not import ``public``.
        for model in (Article, Caption, Correction, Image, Source):
            post_save.connect(
                site_changed, sender=model, dispatch_uid=f"public-{model}"
            )
            post_delete.connect(
                site_changed, sender=model, dispatch_uid=f"public-del-{model}"
            )
        m2m_changed.connect(
            site_changed, sender=Article.sources.through, dispatch_uid="public-m2m"
        )
        articles_changed.connect(site_changed, dispatch_uid="public-bulk")
