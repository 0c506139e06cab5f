from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from articles.models import Article, Author, Correction, Section, Source, Tag
from public import pages
from public.arranged import ArrangedFirst
from public.filters import ArchiveFilter

HOME_LATEST = 12
LIST_PAGE_SIZE = 20


class PublicPageMixin:
    """Public pages answer GET and HEAD; their cache headers, ETag and Last-Modified
    come from ``public.page_cache.public_page`` (see ``public.urls``). Their
    templates are Jinja2's (``public.jinja``): asked of that engine only, not of
    Django's first, which would look for them and fail on every request."""

    http_method_names = ["get", "head", "options"]
    template_engine = "jinja"


class HomeView(PublicPageMixin, TemplateView):
    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        published = Article.objects.published()
        # The front page editors arranged, its unfilled slots the newest stories.
        articles = pages.found_once_per_generation(
            "front-page",
            lambda: published.front_page(HOME_LATEST + 1).for_listing(),
            pages.CARDS,
        )
        # Then a block per main section: its newest stories not shown above.
        shown = {article.pk for article in articles}
        blocks = {}
        for article in pages.found_once_per_generation(
            "section-fronts", published.section_fronts, pages.SECTION_BLOCK_CARDS
        ):
            if article.pk not in shown:
                blocks.setdefault(article.section, []).append(article)
        # The lead story shows its figure whole: caption and credit.
        prefetch_related_objects(articles[:1], Article.objects.figures_prefetch())
        return super().get_context_data(
            lead=articles[0] if articles else None,
            latest=articles[1:],
            section_blocks=list(blocks.items()),
            object_list=articles,
            sources=Source.objects.with_published_articles(),
            **kwargs,
        )


class ArticleDetailView(PublicPageMixin, DetailView):
    template_name = "public/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        article = pages.article_page(self.kwargs["pk"])
        if article is None:
            raise Http404("No published article has this number.")
        return article

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


class ArticleListPage(PublicPageMixin, ListView):
    """The published articles of one source, section, tag or author, newest first,
    20 a page: the object, the count, the page of cards with their sources (3
    queries; a section's page reads its front's stories too)."""

    context_object_name = "articles"
    paginate_by = LIST_PAGE_SIZE
    owner_model = None
    owner_name = None

    def get_owner(self):
        return get_object_or_404(self.owner_model, slug=self.kwargs["slug"])

    def articles(self, owner):
        raise NotImplementedError

    def get_queryset(self):
        self.owner = self.get_owner()
        return self.articles(self.owner).newest_first().for_listing()

    def get_context_data(self, **kwargs):
        feed = {"slug": self.owner.slug}
        return super().get_context_data(
            owner=self.owner,
            feed_rss=reverse(f"articles:{self.owner_name}-rss", kwargs=feed),
            feed_atom=reverse(f"articles:{self.owner_name}-atom", kwargs=feed),
            **{self.owner_name: self.owner},
            **kwargs,
        )


class SourceView(ArticleListPage):
    template_name = "public/source_detail.html"
    owner_model, owner_name = Source, "source"

    def articles(self, source):
        return Article.objects.published().from_source(source)


class SectionView(ArticleListPage):
    """A section's articles: its own, those also placed in it, and its subsections';
    first the stories of its front as editors arranged it, then the newest."""

    template_name = "public/section_detail.html"
    owner_model, owner_name = Section, "section"

    def get_owner(self):
        return get_object_or_404(
            Section.objects.select_related("parent"), slug=self.kwargs["slug"]
        )

    def articles(self, section):
        return Article.objects.published().in_section(section)

    def get_queryset(self):
        self.owner = self.get_owner()
        articles = self.articles(self.owner)
        arranged = list(
            articles.on_front(self.owner).arranged_first(self.owner).for_listing()
        )
        rest = articles.exclude(pk__in=[article.pk for article in arranged])
        return ArrangedFirst(arranged, rest.newest_first().for_listing())


class TagView(ArticleListPage):
    template_name = "public/tag_detail.html"
    owner_model, owner_name = Tag, "tag"

    def articles(self, tag):
        return Article.objects.published().tagged(tag)


class AuthorView(ArticleListPage):
    template_name = "public/author_detail.html"
    owner_model, owner_name = Author, "author"

    def articles(self, author):
        return Article.objects.published().by_author(author)


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
