from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone


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


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, and whose publication time has come."""
        return self.filter(status="published", published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())

    def for_listing(self):
        """Everything a list of articles shows, in a fixed number of queries."""
        return self.prefetch_related("sources")

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
        fixed number of queries."""
        from .models import Caption

        captions = Caption.objects.select_related("image", "image__credit", "credit")
        return self.prefetch_related(
            "sources", models.Prefetch("captions", queryset=captions)
        )
