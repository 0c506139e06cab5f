from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public right-to-left site: pages, search page, feeds, sitemaps."""

    name = "public"
    verbose_name = _("Public site")

    def ready(self):
        from articles.models import (
            Article,
            ArticleAuthor,
            Author,
            BreakingNews,
            Caption,
            Correction,
            FrontPage,
            Image,
            Section,
            Source,
            Tag,
        )
        from articles.signals import articles_changed, tags_merged
        from public.freshness import site_changed
        from public.navigation import chrome_changed

        # Model signals rather than calls in each service: every write the public
        # may see (the desk's forms and services, the importer, a source renamed or
        # merged, a photo replaced, a shell) goes through save() or delete() of
        # these models, and ``articles`` must not import ``public``.
        for model in (
            Article,
            ArticleAuthor,
            Author,
            BreakingNews,
            Caption,
            Correction,
            FrontPage,
            Image,
            Section,
            Source,
            Tag,
        ):
            post_save.connect(
                site_changed, sender=model, dispatch_uid=f"public-{model}"
            )
            post_delete.connect(
                site_changed, sender=model, dispatch_uid=f"public-del-{model}"
            )
        for field in ("sources", "sections", "tags"):
            m2m_changed.connect(
                site_changed,
                sender=getattr(Article, field).through,
                dispatch_uid=f"public-m2m-{field}",
            )
        for model in (Section, BreakingNews):
            post_save.connect(
                chrome_changed, sender=model, dispatch_uid=f"public-nav-{model}"
            )
            post_delete.connect(
                chrome_changed, sender=model, dispatch_uid=f"public-nav-del-{model}"
            )
        articles_changed.connect(site_changed, dispatch_uid="public-bulk")
        tags_merged.connect(site_changed, dispatch_uid="public-tags-merged")
