from django.db import models
from django.utils import timezone


class SourceQuerySet(models.QuerySet):
    def unconfirmed(self):
        return self.filter(is_confirmed=False)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, and whose publication time has come."""
        return self.filter(status="published", published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())

    def for_listing(self):
        """Everything a list of articles shows, in a fixed number of queries."""
        return self.prefetch_related("sources")

    def for_page(self):
        """Everything an article page shows (figures, images, credits, sources) in a
        fixed number of queries."""
        from .models import Caption

        captions = Caption.objects.select_related("image", "image__credit", "credit")
        return self.prefetch_related(
            "sources", models.Prefetch("captions", queryset=captions)
        )

    def bulk_create(self, objs, *args, **kwargs):
        """Create articles in bulk, their search keys filled as ``save()`` fills them
        (the index triggers need them)."""
        from .search_keys import fill_article_keys

        objs = list(objs)
        for article in objs:
            fill_article_keys(article)
        return super().bulk_create(objs, *args, **kwargs)

    def search(self, query):
        """Articles of this queryset matching ``query`` (reader syntax: words, "quoted
        phrases", -word, OR; or a parsed ``articles.search.Query``), best first,
        annotated with ``search_rank`` (higher is better); none for a query with no
        searchable word. Works on PostgreSQL and SQLite alike and on any queryset
        (public pages chain it after ``published()``; the admin searches all)."""
        from .search import search_queryset

        return search_queryset(self, query)

    def for_search_results(self):
        """Everything a page of search results shows (sources, and the captions its
        snippets may quote) in a fixed number of queries, without the search keys."""
        from .models import Caption

        captions = Caption.objects.only("pk", "article_id", "position", "text")
        captions = captions.order_by("position")
        return self.defer(
            "search_headline", "search_extras", "search_body"
        ).prefetch_related("sources", models.Prefetch("captions", queryset=captions))


class CaptionQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Create captions in bulk, their search keys filled as ``save()`` fills them."""
        from .search_keys import fill_caption_key

        objs = list(objs)
        for caption in objs:
            fill_caption_key(caption)
        return super().bulk_create(objs, *args, **kwargs)
