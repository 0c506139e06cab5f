"""Revisions as JSON snapshots: written by every save, restored as new ones."""

import pytest

from articles.models import Revision
from articles.services import (
    article_publish,
    article_record_revision,
    article_restore_revision,
    article_save,
    image_attach_file,
    image_update,
)
from articles.services.revisions import revisions_of, snapshot
from articles.tests.factories import (
    editor,
    make_article,
    make_caption,
    make_source,
    reporter,
    upload,
)
from desk.diffs import describe_reason
from desk.tests.desk_forms import save_form

pytestmark = pytest.mark.django_db


def test_every_save_is_a_revision_with_who_and_when(desk):
    article = make_article(sources=[make_source()])
    before = revisions_of(article).count()
    save_form(desk, article, headline="العنوان الثاني")
    save_form(desk, article, headline="العنوان الثالث")
    revisions = list(revisions_of(article))
    assert len(revisions) == before + 2
    latest, previous = revisions[0], revisions[1]
    assert (snapshot(latest).fields["headline"], latest.version) == (
        "العنوان الثالث",
        article.version,
    )
    assert snapshot(previous).fields["headline"] == "العنوان الثاني"
    assert latest.user == desk.user
    assert latest.reason == "save"
    assert describe_reason("transition:publish") == "نُشر"
    assert describe_reason("restore:3") == "استُعيد من الإصدار 3"


def test_restore_brings_back_a_deleted_figure():
    user = editor()
    article = make_article(sources=[make_source()])
    caption = make_caption(article, position=1, text="تعليق سيحذف")
    article_save(article, by=user)
    kept = revisions_of(article).first()
    caption.delete()
    article_save(article, by=user)
    assert not article.captions.exists()
    article_restore_revision(article, revision_id=kept.pk, by=user)
    assert article.captions.get().text == "تعليق سيحذف"


def test_reporter_cannot_restore_someone_elses_article():
    article = make_article(sources=[make_source()], created_by=reporter("author"))
    article_save(article, by=editor())
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        article_restore_revision(
            article,
            revision_id=revisions_of(article).first().pk,
            by=reporter("other"),
        )


def test_restoring_the_revision_of_a_bulk_import_keeps_its_figures(seed_bytes, desk):
    """The importer stores figures and sources without history rows; restoring its
    first revision must not take them away."""
    from ingest.services import article_import

    result = article_import(seed_bytes, filename="000.txt", user=desk.user)
    article = result.article
    first = revisions_of(article).last()
    figures = sorted(article.captions.values_list("text", flat=True))
    sources = list(article.sources.values_list("name", flat=True))
    assert len(figures) == 2 and sources
    save_form(desk, article, headline="عنوان بعد الاستيراد")
    assert sorted(f.text for f in snapshot(first).figures.values()) == figures
    article_restore_revision(article, revision_id=first.pk, by=desk.user)
    article.refresh_from_db()
    assert article.headline != "عنوان بعد الاستيراد"
    assert sorted(article.captions.values_list("text", flat=True)) == figures
    assert list(article.sources.values_list("name", flat=True)) == sources


def test_restore_leaves_the_alt_text_of_a_photo_the_user_may_not_change():
    author = reporter("author")
    draft = make_article(created_by=author, sources=[make_source()])
    caption = make_caption(draft, position=1, alt_text="وصف قديم")
    make_caption(make_article(status="published"), position=1, image=caption.image)
    article_save(draft, by=author)
    kept = revisions_of(draft).first()
    image = caption.image
    image.alt_text = "وصف راجعه محرر"
    image.save()
    article_save(draft, by=author)

    article_restore_revision(draft, revision_id=kept.pk, by=author)
    image.refresh_from_db()
    assert image.alt_text == "وصف راجعه محرر"
    article_restore_revision(draft, revision_id=kept.pk, by=editor())
    image.refresh_from_db()
    assert image.alt_text == "وصف قديم"


def test_a_revision_is_the_whole_article_as_stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = editor()
    reuters = make_source(name="رويترز")
    article = make_article(sources=[reuters, make_source(name="وكالات")])
    caption = make_caption(
        article,
        position=1,
        text="تعليق",
        credit=reuters,
        credit_note="أرشيف",
        photographer="علي كريم",
        alt_text="وصف الصورة",
    )
    image_attach_file(caption.image, file=upload(), by=user)
    revision = article_record_revision(article, by=user, reason="save")

    recorded = snapshot(Revision.objects.get(pk=revision.pk))
    assert recorded.version == article.version
    assert recorded.fields["headline"] == article.headline
    assert recorded.fields["body"] == article.body
    assert recorded.fields["status"] == "draft"
    assert recorded.sources == sorted(["رويترز", "وكالات"])
    (figure,) = recorded.figures.values()
    assert (figure.text, figure.credit, figure.credit_note, figure.photographer) == (
        "تعليق",
        "رويترز",
        "أرشيف",
        "علي كريم",
    )
    assert figure.alt_text == "وصف الصورة"
    assert figure.photo == caption.image.file.name != ""


def test_a_publication_time_comes_back_as_the_time_it_was():
    user = editor()
    article = make_article(sources=[make_source()])
    article_publish(article, by=user)
    article.refresh_from_db()
    recorded = snapshot(revisions_of(article).first())
    assert recorded.revision.reason == "transition:publish"
    assert recorded.fields["status"] == "published"
    assert recorded.fields["published_at"] == article.published_at


def test_a_photo_changed_in_the_library_is_a_revision_of_every_article_using_it(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    user = editor()
    first, second = make_article(headline="أ"), make_article(headline="ب")
    image = make_caption(first, position=1).image
    make_caption(second, position=2, image=image)
    untouched = make_article(headline="ج")

    image.alt_text = "وصف جديد"
    image_update(image, by=user, file=upload())

    for article in (first, second):
        latest = revisions_of(article).first()
        assert latest.reason == f"photo:{image.pk}"
        assert latest.user == user
        (figure,) = snapshot(latest).figures.values()
        assert (figure.alt_text, figure.photo) == ("وصف جديد", image.file.name)
    assert revisions_of(untouched).first().reason == "save"
