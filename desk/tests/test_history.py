"""The revisions screen: listing, comparing and restoring an article's revisions."""

import pytest
from pytest_django.asserts import assertContains

from articles.models import Article
from articles.services import article_publish
from articles.services.revisions import revisions_of
from articles.tests.factories import (
    make_article,
    make_caption,
    make_source,
)
from articles.tests.html import elements
from desk.tests.desk_forms import save_form

pytestmark = pytest.mark.django_db


def test_history_screen_shows_who_changed_what(desk):
    article = make_article(body="فقرة أولى.\n\nفقرة ثانية.", sources=[make_source()])
    save_form(desk, article)
    save_form(desk, article, body="فقرة أولى معدلة.\n\nفقرة ثانية.")
    response = desk.get(f"/admin/articles/article/{article.pk}/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "amal" in html
    assert elements(html, "del", text="أولى.")
    assert elements(html, "ins", text="أولى معدلة.")
    assert elements(html, name="from") and elements(html, name="to")


def test_history_screen_compares_any_two_revisions(desk):
    article = make_article(headline="أ", sources=[make_source()])
    save_form(desk, article)
    save_form(desk, article, headline="ب")

    save_form(desk, article, headline="ج")
    first, *_, last = sorted(revisions_of(article), key=lambda r: r.created_at)
    response = desk.get(
        f"/admin/articles/article/{article.pk}/history/",
        {"from": first.pk, "to": last.pk},
    )
    assertContains(response, '<div class="desk-diff-old" dir="auto">أ</div>', html=True)
    assertContains(response, '<div class="desk-diff-new" dir="auto">ج</div>', html=True)


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
        f"/admin/articles/article/{article.pk}/history/{original.pk}/restore/"
    )
    assert page.status_code == 200
    assert "معدل" in page.content.decode() and "الأصل" in page.content.decode()
    response = desk.post(
        f"/admin/articles/article/{article.pk}/history/{original.pk}/restore/",
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
    assert latest.reason == f"restore:{original.version}"
    assert latest.user == desk.user
    # Nothing lost: the version that was replaced is still there to restore.
    assert revisions_of(article).filter(content__fields__headline="معدل").exists()


def test_restore_of_a_stale_page_is_refused(desk):
    article = make_article(headline="الأصل", sources=[make_source()])
    save_form(desk, article)
    original = revisions_of(article).first()
    save_form(desk, article, headline="معدل")
    stale_version = article.version
    save_form(desk, article, headline="معدل مرة أخرى")
    desk.post(
        f"/admin/articles/article/{article.pk}/history/{original.pk}/restore/",
        {"loaded_version": stale_version},
    )
    article.refresh_from_db()
    assert article.headline == "معدل مرة أخرى"


def test_history_screen_of_an_unknown_article_redirects(desk):
    response = desk.get("/admin/articles/article/999/history/")
    assert response.status_code == 302
    assert not Article.objects.filter(pk=999).exists()


@pytest.mark.parametrize(
    "sent",
    [{}, {"loaded_version": ""}, {"loaded_version": "x"}, {"loaded_version": "0"}],
)
def test_restore_without_the_version_the_page_showed_is_refused(desk, sent):
    article = make_article(headline="الأصل", sources=[make_source()])
    save_form(desk, article)
    original = revisions_of(article).first()
    save_form(desk, article, headline="معدل")
    url = f"/admin/articles/article/{article.pk}/history/{original.pk}/restore/"
    response = desk.post(url, sent, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert [str(m) for m in response.context["messages"]][-1] == (
        "لم تتم الاستعادة: لم يحدّد الطلب إصدار المقال الذي كنت تطالعه. راجع "
        "التغييرات أدناه ثم أعد الاستعادة."
    )
    article.refresh_from_db()
    assert article.headline == "معدل"
    assert not revisions_of(article).filter(reason__startswith="restore:").exists()


def test_restoring_a_revision_the_article_does_not_have_goes_back_to_its_history(desk):
    article = make_article(sources=[make_source()])
    save_form(desk, article)
    other = make_article(headline="مقال آخر")
    save_form(desk, other)
    foreign = revisions_of(other).first()
    url = f"/admin/articles/article/{article.pk}/history/{foreign.pk}/restore/"
    for response in (desk.get(url, follow=True), desk.post(url, {}, follow=True)):
        assert response.redirect_chain == [
            (f"/admin/articles/article/{article.pk}/history/", 302)
        ]
        assert [str(m) for m in response.context["messages"]][-1] == (
            f"ليس لهذا المقال نسخة رقمها {foreign.pk}: اختر واحدة من سجلّ نسخه."
        )


@pytest.mark.parametrize(
    "sent",
    [{"from": "x", "to": "y"}, {"from": "-1", "to": ""}, {"from": "9" * 30, "to": "1"}],
)
def test_history_screen_compares_the_latest_two_for_ids_that_are_not_ids(desk, sent):
    article = make_article(headline="أ", sources=[make_source()])
    save_form(desk, article)
    save_form(desk, article, headline="ب")
    save_form(desk, article, headline="ج")
    response = desk.get(f"/admin/articles/article/{article.pk}/history/", sent)
    assert response.status_code == 200
    newest, previous = revisions_of(article)[:2]
    assert (response.context["compare_old"], response.context["compare_new"]) == (
        previous,
        newest,
    )
