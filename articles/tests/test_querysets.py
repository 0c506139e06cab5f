from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

from .factories import make_article, make_source

pytestmark = pytest.mark.django_db


def test_headline_has_words_needs_every_word():
    make_article(headline="الرئيس يزور القاهرة", status="published")
    make_article(headline="الرئيس يستقبل وفدا", status="published")
    found = Article.objects.headline_has_words("القاهرة الرّئيس")
    assert [a.headline for a in found] == ["الرئيس يزور القاهرة"]
    assert Article.objects.headline_has_words("   ").count() == 2


def test_headline_has_words_treats_like_wildcards_as_text():
    make_article(headline="نسبة المشاركة")
    assert Article.objects.headline_has_words("نسب%").count() == 0
    assert Article.objects.headline_has_words("نسب_").count() == 0


def test_headline_has_words_reads_words_as_search_does():
    make_article(headline="والمسؤولون في غزة يزورون المستشفى")
    make_article(headline="وفد يزور القاهرة")
    for words in ["المسؤولين", "غزه", "مستشفي", "بغزة"]:
        found = Article.objects.headline_has_words(words)
        assert [a.headline for a in found] == ["والمسؤولون في غزة يزورون المستشفى"]


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
