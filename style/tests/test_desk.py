"""The house-style panel in the article form, and its one-click fixes."""

import pytest
from django.contrib import messages

from articles.models import Article, Revision
from articles.tests.factories import editor, make_article, make_caption, reporter

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def fix_url(article):
    return f"/admin/articles/article/{article.pk}/style-fix/"


def findings(client, article):
    response = client.get(change_url(article))
    assert response.status_code == 200
    return response.context["desk_style"]


def test_the_form_lists_findings_and_a_fix_saves_a_revision(desk):
    article = make_article(headline="الوزير يزور القاهرة.", body="قال فى بيانه, إن.")
    found = findings(desk, article)
    assert {f.code for f in found} >= {"headline_stop", "ya_final", "latin_punctuation"}
    assert "desk-style-fix" in desk.get(change_url(article)).content.decode()
    stop = next(f for f in found if f.code == "headline_stop")
    revisions = Revision.objects.filter(article=article).count()
    response = desk.post(
        fix_url(article), {"fix": stop.key, "version": article.version}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "الوزير يزور القاهرة"
    assert article.body == "قال فى بيانه, إن."  # only the chosen fix
    assert Revision.objects.filter(article=article).count() == revisions + 1
    assert "headline_stop" not in {f.code for f in findings(desk, article)}


def test_a_caption_is_fixed_through_its_figure(desk):
    article = make_article(body="فقرة.")
    make_caption(article, text="الحــرب فى المدينة")
    tatweel = next(f for f in findings(desk, article) if f.code == "tatweel")
    desk.post(fix_url(article), {"fix": tatweel.key, "version": article.version})
    assert article.captions.get().text == "الحرب فى المدينة"


def test_a_stale_fix_changes_nothing(desk):
    article = make_article(headline="عنوان.", body="فقرة.")
    (stop,) = [f for f in findings(desk, article) if f.code == "headline_stop"]
    Article.objects.filter(pk=article.pk).update(headline="عنوان آخر.")
    response = desk.post(
        fix_url(article), {"fix": stop.key, "version": article.version}, follow=True
    )
    assert Article.objects.get(pk=article.pk).headline == "عنوان آخر."
    assert [m.level for m in response.context["messages"]] == [messages.WARNING]


def test_an_old_version_is_refused(desk):
    article = make_article(headline="عنوان.", body="فقرة.")
    (stop,) = [f for f in findings(desk, article) if f.code == "headline_stop"]
    desk.post(fix_url(article), {"fix": stop.key, "version": article.version - 1})
    assert Article.objects.get(pk=article.pk).headline == "عنوان."


def test_someone_who_may_not_edit_the_article_cannot_fix_it(client, db):
    article = make_article(headline="عنوان.", body="فقرة.", created_by=editor("other"))
    client.force_login(reporter())
    response = client.post(
        fix_url(article),
        {"fix": "headline_stop|headline|5|6", "version": article.version},
    )
    assert response.status_code in (302, 403)
    assert Article.objects.get(pk=article.pk).headline == "عنوان."


def test_a_get_is_not_a_fix(desk):
    article = make_article(headline="عنوان.", body="فقرة.")
    assert desk.get(fix_url(article)).status_code == 405


@pytest.mark.parametrize(
    "sent",
    [
        {"version": "1"},
        {"fix": "headline_stop|headline|5|6"},
        {"fix": "headline_stop|headline|5|6", "version": "x"},
    ],
)
def test_a_fix_post_without_its_finding_or_version_changes_nothing(desk, sent):
    article = make_article(headline="عنوان.", body="فقرة.")
    response = desk.post(fix_url(article), sent, follow=True)
    assert response.redirect_chain == [(change_url(article) + "#desk-style", 302)]
    assert [(m.level, str(m)) for m in response.context["messages"]] == [
        (
            messages.WARNING,
            "لم يتغير شيء: لم يحدّد الطلب الملاحظة المراد إصلاحها أو إصدار المقال. "
            "افحص مجددًا.",
        )
    ]
    assert Article.objects.get(pk=article.pk).headline == "عنوان."
