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
