"""Relations fetched inside the article's row (articles.embedded): the same instances,
order and values a prefetch gives, with no query of their own, on SQLite and on
PostgreSQL."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Correction, Image

from .factories import make_article, make_author, make_caption, make_source, make_tag

pytestmark = pytest.mark.django_db

RELATIONS = ("sources", "tags", "article_authors", "public_corrections")


@pytest.fixture
def story():
    sources = [make_source(name) for name in ("وكالة ب", "رويترز", "أ ف ب")]
    tags = [make_tag(name) for name in ("ليبيا", "القاهرة")]
    authors = [make_author("هدى", role="مراسلة"), make_author("أحمد")]
    article = make_article(sources=sources, tags=tags, authors=[authors[1], authors[0]])
    now = timezone.now()
    for hours, text, published in (
        (3, "أقدم", True),
        (1, "أحدث", True),
        (0, "", False),
    ):
        Correction.objects.create(
            article=article,
            text=text or "مقترح لم ينشر",
            published_at=now - timedelta(hours=hours) if published else None,
        )
    return article


def _prefetched(pk):
    return (
        Article.objects.filter(pk=pk)
        .prefetch_related(
            "sources",
            "tags",
            Article.objects.authors_prefetch(),
            Article.objects.corrections_prefetch(),
        )
        .get()
    )


def test_embedded_relations_equal_the_prefetched_ones_with_no_query(
    story, django_assert_num_queries
):
    expected = _prefetched(story.pk)
    with django_assert_num_queries(1):
        article = Article.objects.embedding(*RELATIONS).get(pk=story.pk)
    with django_assert_num_queries(0):
        sources = [(s.pk, s.name, s.slug, s.url) for s in article.sources.all()]
        tags = [(t.pk, t.name, t.slug) for t in article.tags.all()]
        authors = [(a.pk, a.name, a.slug, a.role) for a in article.author_list()]
        notes = [
            (n.pk, n.kind, n.text, n.published_at) for n in article.public_corrections
        ]
    assert sources == [(s.pk, s.name, s.slug, s.url) for s in expected.sources.all()]
    assert [name for _, name, _, _ in sources] == ["أ ف ب", "رويترز", "وكالة ب"]
    assert tags == [(t.pk, t.name, t.slug) for t in expected.tags.all()]
    assert authors == [(a.pk, a.name, a.slug, a.role) for a in expected.author_list()]
    assert [name for _, name, _, _ in authors] == ["أحمد", "هدى"]
    assert notes == [
        (n.pk, n.kind, n.text, n.published_at) for n in expected.public_corrections
    ]
    assert [text for _, _, text, _ in notes] == ["أحدث", "أقدم"]
    assert all(n.published_at.tzinfo is not None for n in article.public_corrections)


def test_an_article_without_them_gets_empty_relations_and_no_query(
    django_assert_num_queries,
):
    bare = make_article()
    article = Article.objects.embedding(*RELATIONS).get(pk=bare.pk)
    with django_assert_num_queries(0):
        assert list(article.sources.all()) == []
        assert list(article.tags.all()) == []
        assert article.author_list() == []
        assert article.public_corrections == []


def test_each_article_of_a_list_gets_its_own_rows(story):
    other = make_article(sources=[make_source("الأناضول")])
    found = Article.objects.embedding("sources").in_bulk([story.pk, other.pk])
    assert [s.name for s in found[other.pk].sources.all()] == ["الأناضول"]
    assert len(found[story.pk].sources.all()) == 3


def test_a_change_to_the_relation_reads_again(story):
    article = Article.objects.embedding("tags").get(pk=story.pk)
    article.tags.add(make_tag("مصر"))
    # Django drops a prefetched relation it changes: the next read is fresh.
    assert "مصر" in [tag.name for tag in article.tags.all()]


def test_without_embedding_relations_are_read_as_usual(
    story, django_assert_num_queries
):
    article = Article.objects.get(pk=story.pk)
    with django_assert_num_queries(1):
        assert len(article.sources.all()) == 3


def test_an_embedded_relation_answers_every_queryset_question_for_its_article(
    story, django_assert_num_queries
):
    other = make_article(sources=[make_source("الأناضول")])
    article = Article.objects.embedding("sources", "tags").get(pk=story.pk)
    with django_assert_num_queries(0):
        assert article.sources.count() == 3
        assert article.sources.all()[0].name == "أ ف ب"
        assert bool(article.tags.all()) and len(article.tags.all()) == 2
    # Filtered, ordered and asked in SQL: still this article's rows only.
    assert [
        s.name for s in article.sources.filter(name__in=["رويترز", "الأناضول"])
    ] == ["رويترز"]
    assert article.sources.order_by("-name")[0].name == "وكالة ب"
    assert not article.sources.filter(pk=other.sources.get().pk).exists()
    assert article.sources.all()._result_cache is article.related_rows("sources")


def test_embedded_rows_changed_through_their_queryset_are_read_again(story):
    from articles.services.taxonomy import article_set_authors

    article = Article.objects.embedding(*RELATIONS).get(pk=story.pk)
    held = article.tags.all()
    article.tags.add(make_tag("مصر"))
    held.count()  # builds the held rows' queryset: it must not come back
    assert len(article.tags.all()) == 3
    # The authors are replaced by deleting the article's credits through .all().
    article_set_authors(article, [make_author("سعاد")])
    assert [a.name for a in article.author_list()] == ["سعاد"]


def test_related_rows_read_what_was_fetched_with_no_query_and_else_query(
    story, django_assert_num_queries
):
    embedded = Article.objects.embedding("sources", "tags").get(pk=story.pk)
    with django_assert_num_queries(0):
        assert embedded.related_rows("sources") == list(embedded.sources.all())
        assert [t.name for t in embedded.related_rows("tags")] == ["القاهرة", "ليبيا"]
    embedded.tags.add(make_tag("مصر"))  # Django drops what it fetched
    plain = Article.objects.get(pk=story.pk)
    with django_assert_num_queries(2):
        assert len(embedded.related_rows("tags")) == 3
        assert len(plain.related_rows("sources")) == 3


def figure_row(c):
    credit = c.display_credit
    image = c.image
    return (
        c.pk,
        c.position,
        c.text,
        image.file.name,
        image.alt_text,
        image.width,
        credit and credit.name,
    )


def test_embedded_figures_carry_their_photos_and_credits(django_assert_num_queries):
    reuters, afp = make_source("رويترز"), make_source("أ ف ب")
    article = make_article()
    photo = Image.objects.create(alt_text="جناح", credit=afp, width=640, height=480)
    photo.file.name = "photos/wing.jpg"
    photo.save()
    make_caption(article, 2, "بلا صورة")
    make_caption(article, 1, "جناح الطائرة", image=photo, credit=reuters)
    make_caption(article, 3, "بائتمان الصورة", image=photo)
    expected = (
        Article.objects.prefetch_related(Article.objects.figures_prefetch())
        .get(pk=article.pk)
        .captions.all()
    )
    found = Article.objects.embedding("captions").get(pk=article.pk)
    with django_assert_num_queries(0):
        figures = [figure_row(caption) for caption in found.captions.all()]
    assert figures == [figure_row(caption) for caption in expected]
    assert [credit for *_, credit in figures] == ["رويترز", None, "أ ف ب"]


def test_every_embedded_column_is_a_field_of_its_model():
    from articles.embedded import RELATIONS, _model

    for relation in RELATIONS.values():
        specs = [(relation.model, relation.columns)]
        specs += [(label, columns) for _, label, columns in relation.joins]
        for label, columns in specs:
            model = _model(label)
            attnames = {field.attname for field in model._meta.concrete_fields}
            assert set(columns) <= attnames, (relation.name, label)
            assert "id" in columns
