"""Sitemaps: every published article, the sources, sections, tags and authors, the
main pages, and a Google News sitemap of the last 48 hours."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Section, Source, Tag
from public import pages

NEWS_WINDOW = timedelta(hours=48)


class ArticleSitemap(Sitemap):
    limit = 2000

    def items(self):
        return Article.objects.published().order_by("-published_at", "-pk")

    def lastmod(self, item):
        return pages.modified_at(item)

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default loop over every article.
        latest = Article.objects.published().aggregate(
            updated=Max("updated_at"), published=Max("published_at")
        )
        dates = [value for value in latest.values() if value is not None]
        return max(dates, default=None)


class NewsSitemap(ArticleSitemap):
    """Google News: the articles published in the last 48 hours, at most 1,000."""

    limit = 1000

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return super().items().filter(published_at__gte=since)[: self.limit]


class SourceSitemap(Sitemap):
    limit = 2000

    def items(self):
        return Source.objects.with_published_articles().order_by("name")


class SectionSitemap(Sitemap):
    """Every section: a front page even while it has no article yet."""

    def items(self):
        return Section.objects.order_by("order", "name")


class TagSitemap(Sitemap):
    limit = 2000

    def items(self):
        return Tag.objects.with_published_articles().order_by("name")


class AuthorSitemap(Sitemap):
    limit = 2000

    def items(self):
        return Author.objects.filter(
            pk__in=Article.objects.published().values("authors").order_by()
        ).order_by("name")


class PageSitemap(Sitemap):
    def items(self):
        return ["articles:home", "articles:archive", "articles:corrections"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "articles": ArticleSitemap,
    "news": NewsSitemap,
    "sources": SourceSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": PageSitemap,
}
