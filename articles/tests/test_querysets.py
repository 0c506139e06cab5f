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


def test_related_to_ranks_shared_sources_then_newest_among_each_sources_newest():
    a, b, c = make_source(), make_source(), make_source()
    now = timezone.now()

    def story(hours, *sources):
        return make_article(
            status="published",
            published_at=now - timedelta(hours=hours),
            sources=list(sources),
        )

    article = story(0, a, b)
    both = story(5, a, b)
    newest_a = [story(h, a) for h in (1, 2, 3)]
    for hours in (4, 6, 7):
        story(hours, b)
    story(9, c)
    related = list(Article.objects.published().related_to(article, limit=4))
    assert related == [both, *newest_a]
    # Candidates are each source's newest: older stories never come in.
    old = story(50, a, b)
    assert old not in Article.objects.published().related_to(article, limit=4)
