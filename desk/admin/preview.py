"""Previews of an article as readers will see it, for staff, whatever its state: the
*Preview* page, and the live preview beside the change form, which renders what the
editor has typed (posted by the form's script, nothing stored) with the real article
template, inside a frame of the desk's own pages only."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override

from articles.models import Article
from articles.rendering import fill_rendered
from desk.autosave import clean_data

#: The site's policy, but the desk's own pages may frame the live preview.
FRAMED_BY_DESK = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}


class ArticlePreviewMixin:
    def get_preview_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{info[0]}_{info[1]}_preview",
            ),
            path(
                "<path:object_id>/live-preview/",
                self.admin_site.admin_view(self.live_preview_view),
                name=f"{info[0]}_{info[1]}_live_preview",
            ),
        ]

    def _preview(self, request, object_id, typed=None):
        article = self._viewable_article(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        article = Article.objects.for_page().get(pk=article.pk)
        if typed:
            for name, value in typed.items():
                setattr(article, name, value)
            fill_rendered(article)
        response = TemplateResponse(
            request, "public/article_detail.html", {"article": article}
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def preview_view(self, request, object_id):
        """The page exactly as readers will see it, as stored."""
        return self._preview(request, object_id)

    @method_decorator(xframe_options_sameorigin)
    @method_decorator(csp_override(FRAMED_BY_DESK))
    def live_preview_view(self, request, object_id):
        """The page with what the editor typed (POST) or as stored (GET), framable
        by the desk. Nothing is stored."""
        typed = None
        if request.method == "POST":
            typed = {
                name: value
                for name, value in clean_data(request.POST).items()
                if name != "slug"
            }
        return self._preview(request, object_id, typed)
