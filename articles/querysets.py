from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from .search_keys import fill_article_keys, fill_caption_key

# models.py imports this module, so the methods below that need a model import it
# when they are called.


class SourceQuerySet(models.QuerySet):
    def unconfirmed(self):
        return self.filter(is_confirmed=False)

    def with_counts(self):
        """Annotate ``article_count`` and ``photo_count`` (photos credited to the
        source, on the photo or on a caption) without joining rows together."""
        from .models import Article, Caption, Image

        def count(queryset):
            # SELECT COUNT(*) … WHERE …: one number per source, no GROUP BY.
            return Coalesce(
                models.Subquery(
                    queryset.order_by()
                    .annotate(n=models.Func(models.F("pk"), function="COUNT"))
                    .values("n")
                ),
                models.Value(0),
            )

        outer = models.OuterRef("pk")
        credited_captions = Caption.objects.filter(credit=models.OuterRef(outer))
        return self.annotate(
            article_count=count(Article.sources.through.objects.filter(source=outer)),
            photo_count=count(
                Image.objects.filter(
                    models.Q(credit=outer)
                    | models.Q(pk__in=credited_captions.values("image_id"))
                )
            ),
        )

    def with_published_articles(self):
        """Sources that at least one article readers can see names."""
        from .models import Article

        return self.filter(
            pk__in=Article.objects.published().values("sources").order_by()
        )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, and whose publication time has come."""
        return self.filter(status="published", published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())

    def newest_first(self):
        """Newest publication first; the id breaks ties so pages never overlap."""
        return self.order_by("-published_at", "-pk")

    def for_listing(self):
        """Everything a list of articles shows (sources, and the figures for the lead
        photo) in a fixed number of queries."""
        return self.prefetch_related("sources", self._captions_prefetch())

    def for_desk(self):
        """Everything the desk's list of articles shows (sources, who changed it last)
        in a fixed number of queries."""
        return self.select_related("updated_by").prefetch_related("sources")

    def drafts_of(self, user):
        return self.filter(status="draft", created_by=user)

    def in_review(self):
        return self.filter(status="review")

    def for_page(self):
        """Everything an article page shows (figures, images, credits, sources) in a
        fixed number of queries: today the same as a listing needs."""
        return self.for_listing()

    def from_source(self, source):
        return self.filter(sources=source)

    def related_to(self, article):
        """Articles sharing a source with ``article`` (itself excluded), those sharing
        the most sources first, then the newest. Uses ``article``'s prefetched
        sources, so it adds no query of its own beyond its result."""
        source_ids = [source.pk for source in article.sources.all()]
        if not source_ids:
            return self.none()
        return (
            self.filter(sources__in=source_ids)
            .exclude(pk=article.pk)
            .annotate(shared_sources=models.Count("sources"))
            .order_by("-shared_sources", "-published_at", "-pk")
        )

    def bulk_create(self, objs, *args, **kwargs):
        """Create articles in bulk, their search keys filled as ``save()`` fills them
        (the index triggers need them)."""
        objs = list(objs)
        for article in objs:
            fill_article_keys(article)
        return super().bulk_create(objs, *args, **kwargs)

    def for_search_results(self):
        """Everything a page of search results shows (sources, and the captions its
        snippets may quote) in a fixed number of queries, without the search keys."""
        from .models import Caption

        captions = Caption.objects.only("pk", "article_id", "position", "text")
        captions = captions.order_by("position")
        return self.defer(
            "search_headline", "search_extras", "search_body"
        ).prefetch_related("sources", models.Prefetch("captions", queryset=captions))

    @staticmethod
    def _captions_prefetch():
        from .models import Caption

        captions = Caption.objects.select_related(
            "image", "image__credit", "credit"
        ).order_by("position")
        return models.Prefetch("captions", queryset=captions)


class CaptionQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Create captions in bulk, their search keys filled as ``save()`` fills them."""
        objs = list(objs)
        for caption in objs:
            fill_caption_key(caption)
        return super().bulk_create(objs, *args, **kwargs)
