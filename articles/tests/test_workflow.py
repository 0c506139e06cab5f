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
        "withdraw",
    ]
    assert [t.action for t in available_transitions(editor("e2"), live)] == [
        "unpublish",
        "archive",
    ]
    assert available_transitions(author, live) == []


# A save never moves a published article outside the workflow --------------------

from articles.services import PublicationChangeRefused, article_save  # noqa: E402


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
