from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

from .factories import make_article, make_section, make_source, make_tag

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_scheduled_and_archived():
    now = timezone.now()
    visible = make_article(status="published", published_at=now - timedelta(minutes=1))
    make_article(status="published", published_at=now + timedelta(minutes=1))
    make_article(status="archived", published_at=now - timedelta(days=1))
    make_article(status="draft")
    assert list(Article.objects.published()) == [visible]


def test_related_to_needs_a_shared_tag_or_the_section():
    tag, section = make_tag(), make_section()
    article = make_article(status="published", tags=[tag], section=section)
    alone = make_article(status="published", sources=[make_source()])
    assert list(Article.objects.related_to(alone)) == []
    same_tag = make_article(status="published", tags=[tag])
    same_section = make_article(status="published", section=section)
    assert list(Article.objects.related_to(article)) == [same_tag, same_section]


def test_related_to_ranks_shared_tags_then_section_then_newest_among_each_tags_newest():
    a, b, c = make_tag(), make_tag(), make_tag()
    politics = make_section()
    now = timezone.now()

    def story(hours, *tags, section=None):
        return make_article(
            status="published",
            published_at=now - timedelta(hours=hours),
            tags=list(tags),
            section=section,
        )

    article = story(0, a, b, section=politics)
    both = story(5, a, b)
    in_section_a = story(3.5, a, section=politics)
    newest_a = [story(h, a) for h in (1, 2)]
    for hours in (4, 6, 7):
        story(hours, b)
    for hours in (9, 10, 11):
        story(hours, c, section=politics)
    related = list(Article.objects.published().related_to(article, limit=4))
    assert related == [both, in_section_a, *newest_a]
    # Candidates are each tag's and the section's newest: older stories never come in.
    old = story(50, a, b, section=politics)
    assert old not in Article.objects.published().related_to(article, limit=4)


def test_related_to_falls_back_on_shared_sources_for_pieces_without_tags():
    reuters, afp = make_source(), make_source()
    now = timezone.now()

    def story(hours, *sources, tags=()):
        return make_article(
            status="published",
            published_at=now - timedelta(hours=hours),
            sources=list(sources),
            tags=list(tags),
        )

    article = story(0, reuters, afp)
    both = story(5, reuters, afp)
    one = story(1, afp)
    story(2)  # nothing shared
    assert list(Article.objects.published().related_to(article)) == [both, one]
    # A shared tag still comes first.
    tag = make_tag()
    article.tags.add(tag)
    tagged = story(9, tags=[tag])
    related = list(Article.objects.published().related_to(article))
    assert related == [tagged, both, one]
