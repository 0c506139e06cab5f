import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from articles.models import Article, ArticleTransition
from articles.services import (
    ALLOWED_TRANSITIONS,
    EditorialChecksFailed,
    TransitionForbidden,
    TransitionNotAllowed,
    article_archive,
    article_publish,
    article_restore,
    article_return_to_draft,
    article_schedule,
    article_submit,
    article_transition,
    article_unpublish,
    editorial_checks,
)
from articles.services.roles import DESK_ROLES, roles_sync
from articles.services.workflow import available_transitions

from .factories import chief, editor, make_article, make_caption, make_source, reporter

pytestmark = pytest.mark.django_db

Status = Article.Status


def ready(**fields):
    """An article that passes the editorial checks."""
    return make_article(sources=[make_source()], **fields)


def test_groups_exist_with_their_permissions():
    perms = {
        group.name: {
            p.codename
            if p.content_type.app_label == "articles"
            else f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.all()
        }
        for group in Group.objects.prefetch_related("permissions__content_type")
    }
    # The migration (frozen lists), the sync after migrate and the code agree.
    assert perms == {name: set(codes) for name, codes in DESK_ROLES.items()}
    assert "axes.delete_accessattempt" in perms["رئيس التحرير"]
    assert "axes.delete_accessattempt" not in perms["محرر"]
    assert {"submit_article", "change_article", "add_article"} <= perms["مراسل"]
    assert "publish_article" not in perms["مراسل"]
    assert {"publish_article", "edit_any_article"} <= perms["محرر"]
    assert "merge_sources" not in perms["محرر"]
    assert "delete_article" not in perms["محرر"]
    assert {"merge_sources", "delete_article", "change_source"} <= perms["رئيس التحرير"]


def test_roles_sync_recreates_missing_groups_and_keeps_extra_permissions():
    Group.objects.filter(name="محرر").delete()
    chief_group = Group.objects.get(name="رئيس التحرير")
    extra = Permission.objects.get(codename="view_user")
    chief_group.permissions.add(extra)
    groups = roles_sync()
    assert set(groups["محرر"].permissions.values_list("codename", flat=True)) == set(
        DESK_ROLES["محرر"]
    )
    assert extra in groups["رئيس التحرير"].permissions.all()


def test_reporter_submits_own_draft_and_it_is_recorded():
    author = reporter()
    article = ready(created_by=author)
    moved = article_submit(article, by=author, note="جاهز للمراجعة")
    assert moved.status == Status.REVIEW
    assert moved.version == article.version + 1
    transition = ArticleTransition.objects.get(article=article)
    assert (transition.action, transition.from_status, transition.to_status) == (
        "submit",
        "draft",
        "review",
    )
    assert transition.by == author and transition.note == "جاهز للمراجعة"
    revision = moved.revisions.first()
    assert revision.user == author
    assert revision.reason == "transition:submit"
    assert revision.status == "review"


def test_reporter_cannot_submit_someone_elses_draft():
    article = ready(created_by=reporter("other"))
    with pytest.raises(TransitionForbidden):
        article_submit(article, by=reporter())
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_reporter_cannot_publish():
    author = reporter()
    article = ready(created_by=author, status=Status.REVIEW)
    with pytest.raises(TransitionForbidden):
        article_publish(article, by=author)
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW
    assert not ArticleTransition.objects.exists()


def test_reporter_withdraws_own_article_from_review():
    author = reporter()
    article = ready(created_by=author, status=Status.REVIEW)
    assert article_return_to_draft(article, by=author).status == Status.DRAFT


def test_editor_publishes_now():
    article = ready(status=Status.REVIEW)
    before = timezone.now()
    moved = article_publish(article, by=editor())
    assert moved.status == Status.PUBLISHED
    assert before <= moved.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publishing_keeps_an_earlier_publication_time():
    first = timezone.now() - timezone.timedelta(days=3)
    article = ready(published_at=first)
    assert article_publish(article, by=editor()).published_at == first


def test_scheduled_article_goes_live_by_itself(django_capture_on_commit_callbacks):
    at = timezone.now() + timezone.timedelta(hours=2)
    article = article_schedule(ready(), by=editor(), at=at)
    assert article.status == Status.PUBLISHED and article.is_scheduled
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.scheduled().filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert ArticleTransition.objects.get(article=article).action == "schedule"


def test_publish_with_a_future_time_is_recorded_as_a_schedule():
    at = timezone.now() + timezone.timedelta(days=1)
    article = article_publish(ready(), by=editor(), at=at)
    assert article.is_scheduled
    assert ArticleTransition.objects.get(article=article).action == "schedule"


def test_schedule_needs_a_future_time():
    with pytest.raises(TransitionNotAllowed) as refusal:
        article_schedule(
            ready(), by=editor(), at=timezone.now() - timezone.timedelta(minutes=1)
        )
    assert refusal.value.code == "schedule_not_in_future"


def test_unpublishing_a_scheduled_article_cancels_its_time():
    at = timezone.now() + timezone.timedelta(hours=2)
    desk = editor()
    article = article_schedule(ready(), by=desk, at=at)
    moved = article_unpublish(article, by=desk)
    assert moved.status == Status.DRAFT and moved.published_at is None


def test_unpublishing_a_live_article_keeps_when_it_was_published():
    desk = editor()
    article = article_publish(ready(), by=desk)
    moved = article_unpublish(article, by=desk)
    assert moved.status == Status.DRAFT
    assert moved.published_at == article.published_at
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_archive_takes_an_article_off_the_site_and_restore_brings_back_a_draft():
    desk = editor()
    article = article_publish(ready(), by=desk)
    archived = article_archive(article, by=desk)
    assert archived.status == Status.ARCHIVED
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert article_restore(archived, by=desk).status == Status.DRAFT


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("review", "submit"),
        ("draft", "return"),
        ("draft", "unpublish"),
        ("archived", "publish"),
        ("archived", "archive"),
        ("published", "restore"),
        ("published", "publish"),
    ],
)
def test_transitions_outside_the_table_are_refused(status, action):
    published_at = timezone.now() - timezone.timedelta(hours=1)
    article = ready(status=status, published_at=published_at)
    with pytest.raises(TransitionNotAllowed) as refusal:
        article_transition(article, action=action, by=chief())
    assert refusal.value.code == "transition_not_allowed"
    assert Article.objects.get(pk=article.pk).status == status


def test_unknown_action_is_refused():
    with pytest.raises(TransitionNotAllowed) as refusal:
        article_transition(ready(), action="delete", by=chief())
    assert refusal.value.code == "unknown_action"


def test_the_table_covers_every_state():
    sources = set().union(*(t.sources for t in ALLOWED_TRANSITIONS.values()))
    targets = {t.target for t in ALLOWED_TRANSITIONS.values()}
    assert sources == targets == set(Status.values)


def test_publishing_is_blocked_by_editorial_checks_naming_what_to_fix():
    article = make_article(headline="   ", body="")
    make_caption(article, position=1, alt_text="", credit=None)
    caption = article.captions.get()
    # A stored photo (dimensions known, so the file is not opened).
    caption.image.file.name = "images/2026/11/photo.jpg"
    caption.image.width, caption.image.height = 800, 600
    caption.image.save()
    with pytest.raises(EditorialChecksFailed) as failed:
        article_publish(article, by=editor())
    codes = [p.code for p in failed.value.report.errors]
    assert codes == [
        "no_headline",
        "no_body",
        "no_source",
        "figure_no_credit",
        "figure_no_alt",
    ]
    assert failed.value.report.errors[3].message == "الصورة 1 لها ملف لكن بلا اعتماد."
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_missing_photo_is_a_warning_not_a_blocker():
    article = ready()
    make_caption(article, position=1, credit=make_source())
    report = editorial_checks(article)
    assert report.ok
    assert [w.code for w in report.warnings] == ["figure_no_photo"]
    assert article_publish(article, by=editor()).status == Status.PUBLISHED


def test_a_marker_without_its_figure_is_a_warning():
    article = ready(body="فقرة.\n\n[[صورة 3]]")
    report = editorial_checks(article)
    assert report.ok
    assert [w.code for w in report.warnings] == ["marker_without_figure"]


def test_available_transitions_follow_role_and_state():
    author = reporter()
    draft = ready(created_by=author)
    assert [t.action for t in available_transitions(author, draft)] == ["submit"]
    assert [t.action for t in available_transitions(editor(), draft)] == [
        "submit",
        "publish",
        "schedule",
        "archive",
    ]
    live = ready(status=Status.PUBLISHED)
    assert [t.action for t in available_transitions(chief(), live)] == [
        "unpublish",
        "archive",
    ]
    assert available_transitions(author, live) == []


# The change form never moves a published article outside the workflow ----------

from articles.services import PublicationChangeRefused, article_save  # noqa: E402
from desk.tests.desk_forms import article_form_data, change_url  # noqa: E402


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
    assert 'name="published_at_0"' not in html
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


def test_a_save_never_changes_the_publication():
    desk = editor()
    article = article_publish(ready(), by=desk)
    article.published_at += timezone.timedelta(days=2)
    with pytest.raises(PublicationChangeRefused) as refusal:
        article_save(article, by=desk)
    assert refusal.value.code == "publication_outside_workflow"
    draft = ready()
    draft.status = Status.REVIEW
    with pytest.raises(PublicationChangeRefused):
        article_save(draft, by=desk)
    stored = Article.objects.get(pk=article.pk)
    assert stored.published_at < timezone.now()
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT
