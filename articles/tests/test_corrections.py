"""Corrections, updates and takedowns in the domain: who may do what, and what each
action leaves in the article's history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article, ArticleTransition, Correction
from articles.services import (
    TransitionForbidden,
    TransitionNotAllowed,
    article_publish,
    article_reinstate,
    article_unpublish,
    article_update,
    article_withdraw,
    correction_add,
    correction_publish,
)

from .factories import chief, editor, make_article, make_source, make_user, reporter

pytestmark = pytest.mark.django_db

Status = Article.Status
Kind = Correction.Kind


@pytest.fixture
def live():
    return make_article(status=Status.PUBLISHED, sources=[make_source()])


def test_an_editors_correction_is_published_at_once_and_counts_as_an_update(live):
    desk = editor()
    version = live.version
    correction = correction_add(
        live, by=desk, kind=Kind.CORRECTION, text="  الصحيح أنها الزيارة الثانية  "
    )
    correction.refresh_from_db()
    live.refresh_from_db()
    assert correction.text == "الصحيح أنها الزيارة الثانية"
    assert correction.published_by == desk
    assert correction.published_at == live.revised_at
    assert live.version == version + 1
    assert live.updated_by == desk
    revision = live.revisions.first()
    assert (revision.version, revision.reason, revision.user) == (
        live.version,
        "correction:correction",
        desk,
    )


def test_a_reporters_correction_waits_for_an_editor(live):
    proposed = correction_add(
        live, by=reporter(), kind=Kind.CLARIFICATION, text="توضيح مقترح"
    )
    live.refresh_from_db()
    assert not proposed.is_published
    assert live.revised_at is None
    assert list(Correction.objects.waiting()) == [proposed]

    desk = editor()
    correction_publish(proposed, by=desk)
    proposed.refresh_from_db()
    live.refresh_from_db()
    assert proposed.published_by == desk
    assert live.revised_at == proposed.published_at


def test_a_reporter_cannot_publish_a_correction(live):
    author = reporter()
    proposed = correction_add(live, by=author, kind=Kind.CORRECTION, text="نص")
    with pytest.raises(PermissionDenied):
        correction_publish(proposed, by=author)
    assert not Correction.objects.get(pk=proposed.pk).is_published


def test_staff_without_a_role_cannot_propose(live):
    with pytest.raises(PermissionDenied):
        correction_add(
            live, by=make_user("x", is_staff=True), kind=Kind.CORRECTION, text="نص"
        )


def test_a_published_note_cannot_be_published_twice(live):
    correction = correction_add(live, by=editor(), kind=Kind.CORRECTION, text="نص")
    with pytest.raises(ValidationError) as refusal:
        correction_publish(correction, by=chief())
    assert refusal.value.code == "already_published"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"status": Status.DRAFT}, "not_live"),
        (
            {
                "status": Status.PUBLISHED,
                "published_at": timezone.now() + timezone.timedelta(hours=1),
            },
            "not_live",
        ),
    ],
)
def test_only_a_live_article_is_corrected(fields, code):
    article = make_article(**fields)
    with pytest.raises(ValidationError) as refusal:
        correction_add(article, by=editor(), kind=Kind.CORRECTION, text="نص")
    assert refusal.value.code == code
    assert not Correction.objects.exists()


def test_an_empty_note_is_refused(live):
    with pytest.raises(ValidationError) as refusal:
        correction_add(live, by=editor(), kind=Kind.CORRECTION, text="   ")
    assert refusal.value.code == "empty"


# Updates and silent fixes --------------------------------------------------------


def test_saving_a_live_article_is_an_update_with_an_optional_note(live):
    desk = editor()
    live.body += "\n\nفقرة جديدة."
    article_update(live, by=desk, note="أضيفت فقرة عن ردود الفعل")
    live.refresh_from_db()
    assert live.revised_at is not None
    (note,) = live.corrections.all()
    assert (note.kind, note.text, note.published_at) == (
        Kind.UPDATE,
        "أضيفت فقرة عن ردود الفعل",
        live.revised_at,
    )
    assert live.revisions.first().reason == "save:update"


def test_a_silent_fix_moves_neither_the_update_time_nor_takes_a_note(live):
    desk = editor()
    live.headline = "رئيس الأركان الليبي المعين يزور مصر مجدداً"
    article_update(live, by=desk, silent=True, note="لا تظهر")
    live.refresh_from_db()
    assert live.revised_at is None
    assert not live.corrections.exists()
    assert live.revisions.first().reason == "save:silent"
    assert live.headline.endswith("مجدداً")


# Takedown ------------------------------------------------------------------------


def test_the_chief_withdraws_with_a_reason_and_restores(live):
    boss = chief()
    withdrawn = article_withdraw(live, by=boss, reason="حكم قضائي")
    assert withdrawn.status == Status.WITHDRAWN
    assert not Article.objects.published().filter(pk=live.pk).exists()
    assert list(Article.objects.withdrawn()) == [withdrawn]
    move = withdrawn.transitions.first()
    assert (move.action, move.by, move.note, move.to_status) == (
        ArticleTransition.Action.WITHDRAW,
        boss,
        "حكم قضائي",
        Status.WITHDRAWN,
    )
    assert withdrawn.revisions.first().reason == "transition:withdraw"

    published_at = withdrawn.published_at
    back = article_reinstate(withdrawn, by=boss)
    assert back.status == Status.PUBLISHED
    assert back.published_at == published_at
    assert Article.objects.published().filter(pk=live.pk).exists()
    assert back.transitions.first().action == ArticleTransition.Action.REINSTATE


def test_withdrawing_needs_a_reason(live):
    with pytest.raises(TransitionNotAllowed) as refusal:
        article_withdraw(live, by=chief(), reason="  ")
    assert refusal.value.code == "reason_required"
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED


@pytest.mark.parametrize("role", [reporter, editor])
def test_only_the_chief_withdraws_or_restores(live, role):
    with pytest.raises(TransitionForbidden):
        article_withdraw(live, by=role(), reason="سبب")
    article_withdraw(live, by=chief(), reason="سبب")
    with pytest.raises(TransitionForbidden):
        article_reinstate(live, by=role("other"))
    live.refresh_from_db()
    assert live.status == Status.WITHDRAWN


def test_an_editor_cannot_unpublish_or_republish_a_withdrawn_article(live):
    article_withdraw(live, by=chief(), reason="سبب")
    desk = editor()
    for move in (article_unpublish, article_publish):
        with pytest.raises(TransitionNotAllowed):
            move(live, by=desk)


def test_a_scheduled_article_is_unpublished_not_withdrawn():
    scheduled = make_article(
        status=Status.PUBLISHED,
        published_at=timezone.now() + timezone.timedelta(hours=2),
    )
    with pytest.raises(TransitionNotAllowed):
        article_withdraw(scheduled, by=chief(), reason="سبب")
