from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

from .factories import make_article, make_source

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_scheduled_and_archived():
    now = timezone.now()
    visible = make_article(status="published", published_at=now - timedelta(minutes=1))
    make_article(status="published", published_at=now + timedelta(minutes=1))
    make_article(status="archived", published_at=now - timedelta(days=1))
    make_article(status="draft")
    assert list(Article.objects.published()) == [visible]


def test_related_to_needs_a_shared_source():
    source = make_source()
    article = make_article(status="published", sources=[source])
    alone = make_article(status="published")
    assert list(Article.objects.related_to(alone)) == []
    other = make_article(status="published", sources=[source])
    assert list(Article.objects.related_to(article)) == [other]
