import pytest

from articles.models import Article
from articles.services import article_publish, article_restore_revision, article_save
from articles.services.revisions import (
    build_snapshots,
    describe_reason,
    revisions_of,
    snapshot_diff,
    text_diff,
)
from desk.tests.desk_forms import article_form_data, change_url

from .factories import editor, make_article, make_caption, make_source, reporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client):
    user = editor("amal")
    client.force_login(user)
    client.user = user
    return client


def save_form(client, article, **changes):
    article.refresh_from_db()
    response = client.post(change_url(article), article_form_data(article, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    return article


def test_every_save_is_a_revision_with_who_and_when(desk):
    article = make_article(sources=[make_source()])
    before = revisions_of(article).count()
    save_form(desk, article, headline="العنوان الثاني")
    save_form(desk, article, headline="العنوان الثالث")
    revisions = list(revisions_of(article))
    assert len(revisions) == before + 2
    latest, previous = revisions[0], revisions[1]
    assert (latest.headline, latest.version) == ("العنوان الثالث", article.version)
    assert previous.headline == "العنوان الثاني"
    assert latest.history_user == desk.user
    assert latest.history_change_reason == "save"
    assert describe_reason("transition:publish") == "نُشر"
    assert describe_reason("restore:3") == "استُعيد من الإصدار 3"


def test_a_revision_keeps_the_captions_and_sources_as_they_were(desk):
    wafa = make_source(name="وفا")
    article = make_article(sources=[wafa])
    make_caption(article, position=1, text="تعليق أول", credit=wafa)
    save_form(desk, article)
    first = revisions_of(article).first()
    save_form(
        desk,
        article,
        **{"captions-0-text": "تعليق معدل", "captions-0-alt_text": "وصف جديد"},
        sources=[make_source(name="الأناضول").pk],
    )
    second = revisions_of(article).first()
    snapshots = build_snapshots(article, [first, second])
    (old_figure,) = snapshots[first.history_id].figures.values()
    (new_figure,) = snapshots[second.history_id].figures.values()
    assert (old_figure.text, new_figure.text) == ("تعليق أول", "تعليق معدل")
    assert (old_figure.alt_text, new_figure.alt_text) == ("تعليق أول", "وصف جديد")
    assert snapshots[first.history_id].sources == ["وفا"]
    assert snapshots[second.history_id].sources == ["الأناضول"]
    changes, figures = snapshot_diff(
        snapshots[first.history_id], snapshots[second.history_id]
    )
    assert [(c.old, c.new) for c in changes] == [("وفا", "الأناضول")]
    assert [(f.kind, [c.label for c in f.changes]) for f in figures] == [
        ("changed", ["التعليق", "النص البديل"])
    ]


def test_history_screen_shows_who_changed_what(desk):
    article = make_article(body="فقرة أولى.\n\nفقرة ثانية.", sources=[make_source()])
    save_form(desk, article)
    save_form(desk, article, body="فقرة أولى معدلة.\n\nفقرة ثانية.")
    response = desk.get(f"/admin/articles/article/{article.pk}/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "amal" in html
    assert "<del>أولى.</del><ins>أولى معدلة.</ins>" in html
    assert 'name="from"' in html and 'name="to"' in html


def test_history_screen_compares_any_two_revisions(desk):
    article = make_article(headline="أ", sources=[make_source()])
    save_form(desk, article, headline="ب")
    save_form(desk, article, headline="ج")
    first, *_, last = sorted(revisions_of(article), key=lambda r: r.history_date)
    response = desk.get(
        f"/admin/articles/article/{article.pk}/history/",
        {"from": first.history_id, "to": last.history_id},
    )
    html = response.content.decode()
    assert '<div class="desk-diff-old" dir="auto">أ</div>' in html
    assert '<div class="desk-diff-new" dir="auto">ج</div>' in html


def test_history_screen_query_count_does_not_grow(desk, django_assert_max_num_queries):
    article = make_article(sources=[make_source()])
    make_caption(article, position=1)

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            desk.get(f"/admin/articles/article/{article.pk}/history/")
        return len(queries)

    save_form(desk, article)
    few = count_queries()
    for number in range(20):
        save_form(desk, article, headline=f"عنوان {number}")
    assert count_queries() == few


def test_restoring_a_revision_is_a_new_revision(desk):
    wafa = make_source(name="وفا")
    article = make_article(headline="الأصل", body="النص الأصلي.", sources=[wafa])
    make_caption(article, position=1, text="تعليق أصلي", credit=wafa)
    save_form(desk, article)
    original = revisions_of(article).first()
    save_form(
        desk,
        article,
        headline="معدل",
        body="نص معدل.",
        sources=[make_source(name="رويترز").pk],
        **{"captions-0-text": "تعليق معدل"},
    )
    article_publish(article, by=desk.user)
    article.refresh_from_db()
    version = article.version

    page = desk.get(
        f"/admin/articles/article/{article.pk}/history/{original.history_id}/restore/"
    )
    assert page.status_code == 200
    assert "معدل" in page.content.decode() and "الأصل" in page.content.decode()
    response = desk.post(
        f"/admin/articles/article/{article.pk}/history/{original.history_id}/restore/",
        {"loaded_version": version},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.body) == ("الأصل", "النص الأصلي.")
    assert [s.name for s in article.sources.all()] == ["وفا"]
    assert article.captions.get().text == "تعليق أصلي"
    # The workflow state is not part of the content.
    assert article.status == "published"
    assert article.version == version + 1
    latest = revisions_of(article).first()
    assert latest.history_change_reason == f"restore:{original.version}"
    assert latest.history_user == desk.user
    # Nothing lost: the version that was replaced is still there to restore.
    assert revisions_of(article).filter(headline="معدل").exists()


def test_restore_of_a_stale_page_is_refused(desk):
    article = make_article(headline="الأصل", sources=[make_source()])
    save_form(desk, article)
    original = revisions_of(article).first()
    save_form(desk, article, headline="معدل")
    stale_version = article.version
    save_form(desk, article, headline="معدل مرة أخرى")
    desk.post(
        f"/admin/articles/article/{article.pk}/history/{original.history_id}/restore/",
        {"loaded_version": stale_version},
    )
    article.refresh_from_db()
    assert article.headline == "معدل مرة أخرى"


def test_restore_brings_back_a_deleted_figure():
    user = editor()
    article = make_article(sources=[make_source()])
    caption = make_caption(article, position=1, text="تعليق سيحذف")
    article_save(article, by=user)
    kept = revisions_of(article).first()
    caption.delete()
    article_save(article, by=user)
    assert not article.captions.exists()
    article_restore_revision(article, revision_id=kept.history_id, by=user)
    assert article.captions.get().text == "تعليق سيحذف"


def test_reporter_cannot_restore_someone_elses_article():
    article = make_article(sources=[make_source()], created_by=reporter("author"))
    article_save(article, by=editor())
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        article_restore_revision(
            article,
            revision_id=revisions_of(article).first().history_id,
            by=reporter("other"),
        )


def test_text_diff_marks_words_and_escapes_html():
    assert str(text_diff("<b>قديم</b> نص", "<b>جديد</b> نص")) == (
        "<del>&lt;b&gt;قديم&lt;/b&gt;</del><ins>&lt;b&gt;جديد&lt;/b&gt;</ins> نص"
    )


def test_history_screen_of_an_unknown_article_redirects(desk):
    response = desk.get("/admin/articles/article/999/history/")
    assert response.status_code == 302
    assert not Article.objects.filter(pk=999).exists()


def test_text_diff_keeps_only_the_lines_around_a_change():
    old = "\n\n".join(f"فقرة {n}." for n in range(1, 9))
    new = old.replace("فقرة 5.", "فقرة خامسة.")
    diff = str(text_diff(old, new))
    assert "<del>5.</del><ins>خامسة.</ins>" in diff
    assert "فقرة 4." in diff and "فقرة 6." in diff
    assert "فقرة 1." not in diff and "فقرة 8." not in diff
    assert diff.count('<span class="desk-diff-skip">⋯</span>') == 2


def test_line_ends_alone_are_not_a_change(desk):
    article = make_article(body="فقرة أولى.\n\nفقرة ثانية.", sources=[make_source()])
    save_form(desk, article)
    save_form(desk, article, body="فقرة أولى.\r\n\r\nفقرة ثانية.")
    assert article.body == "فقرة أولى.\n\nفقرة ثانية."
    newer, older = list(revisions_of(article))[:2]
    snapshots = build_snapshots(article, [older, newer])
    assert snapshot_diff(snapshots[older.history_id], snapshots[newer.history_id]) == (
        [],
        [],
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
    snapshot = build_snapshots(article, [first])[first.history_id]
    assert sorted(f.text for f in snapshot.figures.values()) == figures
    article_restore_revision(article, revision_id=first.history_id, by=desk.user)
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

    article_restore_revision(draft, revision_id=kept.history_id, by=author)
    image.refresh_from_db()
    assert image.alt_text == "وصف راجعه محرر"
    article_restore_revision(draft, revision_id=kept.history_id, by=editor())
    image.refresh_from_db()
    assert image.alt_text == "وصف قديم"


@pytest.mark.parametrize("sent", [{}, {"loaded_version": ""}, {"loaded_version": "x"}])
def test_restore_without_the_version_the_page_showed_is_refused(desk, sent):
    article = make_article(headline="الأصل", sources=[make_source()])
    save_form(desk, article)
    original = revisions_of(article).first()
    save_form(desk, article, headline="معدل")
    url = f"/admin/articles/article/{article.pk}/history/{original.history_id}/restore/"
    response = desk.post(url, sent, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert [str(m) for m in response.context["messages"]][-1] == (
        "لم تتم الاستعادة: لم يحدّد الطلب إصدار المقال الذي كنت تطالعه. راجع "
        "التغييرات أدناه ثم أعد الاستعادة."
    )
    article.refresh_from_db()
    assert article.headline == "معدل"
    assert (
        not revisions_of(article)
        .filter(history_change_reason__startswith="restore:")
        .exists()
    )


def test_restoring_a_revision_the_article_does_not_have_goes_back_to_its_history(desk):
    article = make_article(sources=[make_source()])
    save_form(desk, article)
    other = make_article(headline="مقال آخر")
    save_form(desk, other)
    foreign = revisions_of(other).first()
    url = f"/admin/articles/article/{article.pk}/history/{foreign.history_id}/restore/"
    for response in (desk.get(url, follow=True), desk.post(url, {}, follow=True)):
        assert response.redirect_chain == [
            (f"/admin/articles/article/{article.pk}/history/", 302)
        ]
        assert [str(m) for m in response.context["messages"]][-1] == (
            f"ليس لهذا المقال نسخة رقمها {foreign.history_id}: اختر واحدة من سجلّ نسخه."
        )
