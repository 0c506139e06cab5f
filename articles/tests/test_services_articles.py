"""article_update: an editor's change of an article, stored in one go."""

import pytest
from django.core.exceptions import PermissionDenied

from articles.models import Article, Caption
from articles.services import EditConflict, article_update
from articles.services.figures import FigureInput
from articles.services.revisions import revisions_of

from .factories import chief, editor, make_article, make_caption, make_source, reporter

pytestmark = pytest.mark.django_db


def test_fields_sources_and_figures_are_stored_with_one_revision():
    me = editor("amal")
    article = make_article(created_by=me, body="فقرة أولى.\n\n[[صورة 2]]")
    first, second = make_caption(article, position=1), make_caption(article, position=2)
    agency = make_source(name="قنا")
    revisions = revisions_of(article).count()

    article.headline = "عنوان جديد"
    first.position, second.position = 2, 1
    update = article_update(
        article,
        by=me,
        expected_version=article.version,
        sources=[agency],
        figures=[FigureInput(caption=first), FigureInput(caption=second)],
    )

    stored = Article.objects.get()
    assert stored.headline == "عنوان جديد"
    assert list(stored.sources.all()) == [agency]
    assert update.renumbering == {1: 2, 2: 1}
    assert "[[صورة 1]]" in stored.body  # the marker followed its figure
    assert revisions_of(article).count() == revisions + 1


def test_a_stale_version_stores_nothing():
    me = editor("amal")
    article = make_article(created_by=me)
    make_caption(article, position=1)
    stale = article.version
    Article.objects.filter(pk=article.pk).update(version=stale + 1)

    article.headline = "عنوان لن يُحفظ"
    with pytest.raises(EditConflict):
        article_update(
            article,
            by=me,
            expected_version=stale,
            deleted=list(article.captions.all()),
        )

    assert Article.objects.get().headline != "عنوان لن يُحفظ"
    assert Caption.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "allowed"), [(reporter, False), (editor, True), (chief, True)]
)
def test_who_may_update_someone_elses_draft(role, allowed):
    article = make_article(created_by=reporter("owner"))
    article.headline = "عنوان معدل"
    user = role("someone")
    if allowed:
        article_update(article, by=user, expected_version=article.version)
        assert Article.objects.get().headline == "عنوان معدل"
    else:
        with pytest.raises(PermissionDenied):
            article_update(article, by=user, expected_version=article.version)
        assert Article.objects.get().headline != "عنوان معدل"
