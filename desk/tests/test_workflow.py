"""The change form never moves a published article outside the workflow: times,
schedules and the workflow buttons."""

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services import (
    article_publish,
    article_schedule,
)
from articles.tests.factories import (
    editor,
    make_article,
    make_source,
)
from articles.tests.html import elements
from desk.tests.desk_forms import article_form_data, change_url

pytestmark = pytest.mark.django_db

Status = Article.Status


def ready(**fields):
    """An article that passes the editorial checks."""
    return make_article(sources=[make_source()], **fields)


def form_time(moment):
    """The change form's two inputs for ``moment`` (local time, to the second)."""
    local = timezone.localtime(moment)
    return {
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def scheduled(hours=24):
    at = (timezone.now() + timezone.timedelta(hours=hours)).replace(microsecond=0)
    return article_schedule(ready(), by=editor("planner"), at=at)


def test_clearing_the_time_of_a_scheduled_article_is_refused_on_the_field(desk):
    article = scheduled()
    data = article_form_data(article, published_at_0="", published_at_1="")
    response = desk.post(change_url(article), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["published_at"] == [
        "المقال المنشور يحتاج إلى وقت نشر. لسحبه من الموقع اضغط «ألغِ النشر» "
        "في قسم سير العمل."
    ]
    stored = Article.objects.get(pk=article.pk)
    assert (stored.status, stored.published_at) == (
        Status.PUBLISHED,
        article.published_at,
    )


def test_clearing_the_time_of_a_live_article_cannot_happen(desk):
    article = article_publish(ready(), by=editor("publisher"))
    html = desk.get(change_url(article)).content.decode()
    assert not elements(html, name="published_at_0")
    assert "المقال منشور على الموقع منذ هذا الوقت." in html
    data = article_form_data(article, published_at_0="", published_at_1="")
    response = desk.post(change_url(article), {**data, "headline": "عنوان معدل"})
    assert response.status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert stored.headline == "عنوان معدل"
    assert (stored.status, stored.published_at) == (
        Status.PUBLISHED,
        article.published_at,
    )


def test_saving_a_live_article_with_a_future_time_leaves_it_on_the_site(desk):
    article = article_publish(ready(), by=editor("publisher"))
    later = timezone.now() + timezone.timedelta(days=2)
    data = article_form_data(article, **form_time(later), _save="1")
    assert desk.post(change_url(article), data).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert stored.published_at == article.published_at
    assert desk.get(stored.get_absolute_url()).status_code == 200
    assert article.transitions.count() == 1  # the publish, nothing else


def test_moving_a_scheduled_article_by_saving_is_a_recorded_schedule(desk):
    article = scheduled(hours=24)
    later = (timezone.now() + timezone.timedelta(days=2)).replace(microsecond=0)
    data = article_form_data(article, **form_time(later), _save="1")
    response = desk.post(change_url(article), data, follow=True)
    stored = Article.objects.get(pk=article.pk)
    assert stored.published_at == later and stored.is_scheduled
    moved = stored.transitions.first()
    assert (moved.action, moved.by, moved.published_at) == (
        "schedule",
        desk.user,
        later,
    )
    assert any(
        m.startswith(f"جُدول «{article.headline}»") for m in messages_of(response)
    )


def test_a_past_time_on_a_scheduled_article_publishes_it_through_the_workflow(desk):
    article = scheduled()
    earlier = (timezone.now() - timezone.timedelta(hours=1)).replace(microsecond=0)
    data = article_form_data(article, **form_time(earlier), _save="1")
    assert desk.post(change_url(article), data).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert stored.published_at == earlier
    moved = stored.transitions.first()
    assert (moved.action, moved.by, moved.published_at) == (
        "publish",
        desk.user,
        earlier,
    )
    assert desk.get(stored.get_absolute_url()).status_code == 200


def test_saving_a_scheduled_article_unchanged_keeps_its_exact_time(desk):
    at = timezone.now() + timezone.timedelta(hours=5, microseconds=123456)
    article = make_article(status=Status.PUBLISHED, published_at=at)
    data = article_form_data(article, headline="عنوان جديد", _save="1")
    assert desk.post(change_url(article), data).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.published_at) == ("عنوان جديد", at)
    assert not stored.transitions.exists()


def test_a_refused_move_keeps_the_schedule_and_says_why(desk):
    article = scheduled(hours=24)
    later = timezone.now() + timezone.timedelta(days=3)
    data = article_form_data(article, **form_time(later), sources=[], _save="1")
    response = desk.post(change_url(article), data, follow=True)
    stored = Article.objects.get(pk=article.pk)
    assert not stored.sources.exists()  # the edit itself is saved…
    assert stored.published_at == article.published_at  # …the schedule is not moved
    assert stored.transitions.count() == 1
    assert (
        f"لا يمكن نشر «{article.headline}» بعد: أضف مصدرًا واحدًا على الأقل "
        "(سطر «المصدر» في المادة)."
    ) in messages_of(response)


def test_publish_now_on_a_scheduled_article_publishes_at_once(desk):
    article = scheduled(hours=24)
    before = timezone.now()
    data = article_form_data(article, _transition="publish")
    assert desk.post(change_url(article), data).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert before <= stored.published_at <= timezone.now()
    assert stored.transitions.first().action == "publish"


def test_schedule_button_with_a_new_time_moves_the_schedule(desk):
    article = scheduled(hours=24)
    later = (timezone.now() + timezone.timedelta(days=5)).replace(microsecond=0)
    data = article_form_data(article, **form_time(later), _transition="schedule")
    assert desk.post(change_url(article), data).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert stored.published_at == later
    assert stored.transitions.first().action == "schedule"


def test_a_drafts_publication_time_is_a_plan_saved_with_the_form(desk):
    article = ready()
    plan = (timezone.now() + timezone.timedelta(days=1)).replace(microsecond=0)
    data = article_form_data(article, **form_time(plan), _save="1")
    assert desk.post(change_url(article), data).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert (stored.status, stored.published_at) == (Status.DRAFT, plan)
    assert not stored.transitions.exists()


# A workflow button's post is checked by a form ------------------------------------


@pytest.mark.parametrize(
    ("sent", "reason"),
    [
        ({"_transition": "teleport"}, "إجراء غير معروف «teleport»."),
        (
            {"_transition": "publish", "_transition_note": "س" * 501},
            "الملاحظة أطول من اللازم: 500 حرفًا على الأكثر (وفيها 501).",
        ),
    ],
)
def test_a_button_post_the_form_refuses_saves_the_edits_and_moves_nothing(
    desk, sent, reason
):
    article = ready(status=Status.REVIEW)
    data = article_form_data(article, headline="عنوان معدل", **sent)
    response = desk.post(change_url(article), data, follow=True)
    assert response.redirect_chain == [(change_url(article), 302)]
    assert messages_of(response)[-1] == f"لم يُنقل «عنوان معدل»: {reason}"
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.status) == ("عنوان معدل", Status.REVIEW)
    assert not stored.transitions.exists()


def test_a_note_of_the_longest_length_goes_with_the_move(desk):
    article = ready(status=Status.REVIEW)
    data = article_form_data(article, _transition="return", _transition_note="س" * 500)
    desk.post(change_url(article), data)
    stored = Article.objects.get(pk=article.pk)
    assert stored.status == Status.DRAFT
    assert stored.transitions.get().note == "س" * 500
