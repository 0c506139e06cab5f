"""Querysets compiled to SQL once per process (newsroom.compiled_queries): the same
results as the queryset, each request's values in their places, and no compiling
once a shape has been seen."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from articles.models import Article
from articles.tests.factories import make_article, make_caption, make_source, make_tag
from newsroom.compiled_queries import CompiledQuery

pytestmark = pytest.mark.django_db


def _page(pk, now):
    return Article.objects.published(now).page_columns().filter(pk=pk)


def _cards(ids, now):
    return Article.objects.published(now).for_listing().filter(pk__in=ids).order_by()


def _compilations(query, **values):
    """What ``query(**values)`` finds, and how many times SQL was compiled."""
    spy = mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    )
    with spy as as_sql:
        found = query(**values)
    return found, as_sql.call_count


def test_gives_what_the_queryset_gives_with_its_relations():
    reuters, afp = make_source("رويترز"), make_source("فرانس برس")
    article = make_article(
        status="published", sources=[reuters, afp], tags=[make_tag("ليبيا")]
    )
    make_caption(article, credit=reuters)
    query, now = CompiledQuery(_page), timezone.now()

    for _ in range(2):  # planned, then from the plan
        [found] = query(pk=article.pk, now=now)
        [expected] = _page(article.pk, now)
        assert found.headline == expected.headline
        assert found.body_html == expected.body_html
        assert found.published_at == expected.published_at
        assert [s.name for s in found.sources.all()] == ["رويترز", "فرانس برس"]
        assert [t.name for t in found.tags.all()] == ["ليبيا"]
        [caption] = found.captions.all()
        assert caption.credit.name == "رويترز"


def test_puts_each_requests_values_in_their_places():
    first = make_article(status="published", headline="الأول")
    second = make_article(status="published", headline="الثاني")
    later = make_article(
        status="published",
        headline="المجدول",
        published_at=timezone.now() + timedelta(hours=2),
    )
    query, now = CompiledQuery(_page), timezone.now()

    assert [a.headline for a in query(pk=first.pk, now=now)] == ["الأول"]
    assert [a.headline for a in query(pk=second.pk, now=now)] == ["الثاني"]
    # Not yet published at ``now``; published three hours on.
    assert query(pk=later.pk, now=now) == []
    assert [a.headline for a in query(pk=later.pk, now=now + timedelta(hours=3))] == [
        "المجدول"
    ]
    assert query(pk=10**9, now=now) == []


def test_lists_of_values_of_each_length():
    articles = [make_article(status="published", headline=f"خبر {n}") for n in range(4)]
    query, now = CompiledQuery(_cards), timezone.now()
    ids = [a.pk for a in articles]

    for chosen in (ids[:1], ids[1:3], ids, ids[2:4], ids[:2]):
        assert sorted(a.pk for a in query(ids=chosen, now=now)) == sorted(chosen)
    found, compiled = _compilations(query, ids=ids[::-2], now=now)
    assert compiled == 0
    assert sorted(a.pk for a in found) == sorted(ids[::-2])


def test_compiles_once_per_shape():
    article = make_article(status="published")
    query, now = CompiledQuery(_page), timezone.now()

    _, planning = _compilations(query, pk=article.pk, now=now)
    found, again = _compilations(query, pk=article.pk, now=now + timedelta(seconds=1))

    assert planning == 2  # with two sets of stand-ins
    assert again == 0
    assert [a.pk for a in found] == [article.pk]


def test_a_query_whose_sql_depends_on_its_values_is_evaluated_as_it_is():
    make_article(status="published", headline="قصير")
    make_article(status="published", headline="عنوان أطول من غيره")

    def by_length(n, now):
        # Slicing writes n into the SQL (LIMIT), not into a parameter.
        return Article.objects.published(now).order_by("pk")[:n]

    query, now = CompiledQuery(by_length), timezone.now()
    assert len(query(n=1, now=now)) == 1
    assert len(query(n=2, now=now)) == 2


def test_a_value_changed_on_its_way_is_evaluated_as_it_is():
    make_article(status="published", headline="زيارة رئيس الأركان")
    make_article(status="published", headline="اجتماع الحكومة")

    def containing(text, now):
        return Article.objects.published(now).filter(headline__contains=text)

    query, now = CompiledQuery(containing), timezone.now()
    assert [a.headline for a in query(text="الأركان", now=now)] == [
        "زيارة رئيس الأركان"
    ]
    assert [a.headline for a in query(text="الحكومة", now=now)] == ["اجتماع الحكومة"]


def test_an_empty_list_finds_nothing():
    make_article(status="published")
    assert CompiledQuery(_cards)(ids=[], now=timezone.now()) == []


def test_values_no_plan_can_hold_are_evaluated_as_django_would():
    article = make_article(status="published")
    query, now = CompiledQuery(_page), timezone.now()
    assert [a.pk for a in query(pk=article.pk, now=now)] == [article.pk]
    # Larger than any id a column holds: Django's lookup finds nothing.
    assert query(pk=2**63, now=now) == []
    # A naive time is made aware by Django first (in the site's time zone), with
    # its warning.
    naive = timezone.make_naive(now + timedelta(minutes=5))
    with pytest.warns(RuntimeWarning, match="naive datetime"):
        assert [a.pk for a in query(pk=article.pk, now=naive)] == [article.pk]
    with pytest.warns(RuntimeWarning, match="naive datetime"):
        assert query(pk=article.pk, now=naive - timedelta(hours=2)) == []
