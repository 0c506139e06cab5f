from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from articles.models import Article, Correction, Source
from public import pages
from public.filters import ArchiveFilter

HOME_LATEST = 12
LIST_PAGE_SIZE = 20


class PublicPageMixin:
    """Public pages answer GET and HEAD; their cache headers, ETag and Last-Modified
    come from ``public.page_cache.public_page`` (see ``public.urls``)."""

    http_method_names = ["get", "head", "options"]


class HomeView(PublicPageMixin, TemplateView):
    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        articles = list(
            Article.objects.published().newest_first().for_listing()[: HOME_LATEST + 1]
        )
        # The lead story shows its figure whole: caption and credit.
        prefetch_related_objects(articles[:1], Article.objects.figures_prefetch())
        return super().get_context_data(
            lead=articles[0] if articles else None,
            latest=articles[1:],
            object_list=articles,
            sources=Source.objects.with_published_articles(),
            **kwargs,
        )


class ArticleDetailView(PublicPageMixin, DetailView):
    template_name = "public/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().page_columns()

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            if Article.objects.withdrawn().filter(pk=kwargs["pk"]).exists():
                return TemplateResponse(request, "public/withdrawn.html", status=410)
            raise
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        return super().get_context_data(**pages.article_context(self.object), **kwargs)


class SourceView(PublicPageMixin, ListView):
    template_name = "public/source_detail.html"
    context_object_name = "articles"
    paginate_by = LIST_PAGE_SIZE

    def get_queryset(self):
        self.source = get_object_or_404(Source, slug=self.kwargs["slug"])
        return (
            Article.objects.published()
            .from_source(self.source)
            .newest_first()
            .for_listing()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.source, **kwargs)


class ArchiveView(PublicPageMixin, FilterView):
    template_name = "public/archive.html"
    context_object_name = "articles"
    filterset_class = ArchiveFilter
    paginate_by = LIST_PAGE_SIZE

    def get_queryset(self):
        return Article.objects.published().newest_first().for_listing()


class CorrectionsView(PublicPageMixin, ListView):
    """Every correction and clarification readers may see, newest first."""

    template_name = "public/corrections.html"
    context_object_name = "corrections"
    paginate_by = LIST_PAGE_SIZE

    def get_queryset(self):
        return Correction.objects.for_corrections_page()


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def robots_txt(request):
    return HttpResponse(
        render_to_string("public/robots.txt", request=request),
        content_type="text/plain; charset=utf-8",
    )
