"""The editorial workflow: every change of an article's state goes through
:func:`article_transition`, which checks the permission and the transition table, runs
the editorial checks where publishing needs them, and records who, when and why.

    draft ──submit──▶ review ──publish/schedule──▶ published ──unpublish──▶ draft
      ▲                 │ return                       │ archive
      └─────────────────┘                              ▼
      ◀──────────────restore──────────────────────  archived
                                                       │ withdraw ▲ reinstate
                                                       ▼          │ (the chief)
                                                     withdrawn ───┘

Unpublishing takes an article back to draft: its page answers 404, as for an
article that never was. Withdrawing (the chief, with a reason) is a takedown: its
page answers 410 Gone with a short notice, until the chief reinstates it.

A publication time in the future means scheduled: the article stays "published" and
``Article.objects.published()`` shows it once its time has come, with no job to run.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Article, ArticleTransition
from ..scopes import in_scope
from .checks import CheckReport, editorial_checks
from .permissions import is_author
from .revisions import article_record_revision

Status = Article.Status
Action = ArticleTransition.Action


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    target: str
    permission: str
    label: object
    #: Without ``articles.edit_any_article`` only the article's author may do it.
    own_only: bool = False
    #: The editorial checks must pass first.
    checks: bool = False
    #: A note saying why is required (it is kept with the transition).
    needs_reason: bool = False


ALLOWED_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            Action.SUBMIT,
            frozenset({Status.DRAFT}),
            Status.REVIEW,
            "articles.submit_article",
            pgettext_lazy("workflow button", "Submit for review"),
            own_only=True,
        ),
        Transition(
            Action.RETURN,
            frozenset({Status.REVIEW}),
            Status.DRAFT,
            "articles.submit_article",
            pgettext_lazy("workflow button", "Return to draft"),
            own_only=True,
        ),
        Transition(
            Action.PUBLISH,
            frozenset({Status.DRAFT, Status.REVIEW, Status.PUBLISHED}),
            Status.PUBLISHED,
            "articles.publish_article",
            pgettext_lazy("workflow button", "Publish now"),
            checks=True,
        ),
        Transition(
            Action.SCHEDULE,
            frozenset({Status.DRAFT, Status.REVIEW, Status.PUBLISHED}),
            Status.PUBLISHED,
            "articles.publish_article",
            pgettext_lazy("workflow button", "Schedule"),
            checks=True,
        ),
        Transition(
            Action.UNPUBLISH,
            frozenset({Status.PUBLISHED}),
            Status.DRAFT,
            "articles.publish_article",
            pgettext_lazy("workflow button", "Unpublish"),
        ),
        Transition(
            Action.ARCHIVE,
            frozenset({Status.DRAFT, Status.REVIEW, Status.PUBLISHED}),
            Status.ARCHIVED,
            "articles.publish_article",
            pgettext_lazy("workflow button", "Archive"),
        ),
        Transition(
            Action.RESTORE,
            frozenset({Status.ARCHIVED}),
            Status.DRAFT,
            "articles.publish_article",
            pgettext_lazy("workflow button", "Restore to draft"),
        ),
        Transition(
            Action.WITHDRAW,
            frozenset({Status.PUBLISHED}),
            Status.WITHDRAWN,
            "articles.withdraw_article",
            pgettext_lazy("workflow button", "Withdraw from the site"),
            needs_reason=True,
        ),
        Transition(
            Action.REINSTATE,
            frozenset({Status.WITHDRAWN}),
            Status.PUBLISHED,
            "articles.withdraw_article",
            pgettext_lazy("workflow button", "Restore to the site"),
        ),
    ]
}


class TransitionNotAllowed(ValidationError):
    """The article's state does not allow this move (``code`` says why)."""


class TransitionForbidden(PermissionDenied):
    """The user may not make this move on this article."""


class EditorialChecksFailed(ValidationError):
    """Publishing is blocked; ``report`` lists the errors and warnings."""

    def __init__(self, report: CheckReport):
        super().__init__(
            [ValidationError(p.message, code=p.code) for p in report.errors],
        )
        self.report = report
        self.code = "editorial_checks"


def may_transition(user, article: Article, action: str) -> bool:
    """Return whether ``user`` holds the permission for ``action`` on ``article``
    (whatever the article's state)."""
    transition = ALLOWED_TRANSITIONS.get(action)
    if transition is None or not (
        user.is_active and user.has_perm(transition.permission)
    ):
        return False
    if not in_scope(user, article):
        return False
    if transition.own_only and not user.has_perm("articles.edit_any_article"):
        return is_author(user, article)
    return True


def state_allows(article: Article, action: str) -> bool:
    """Return whether the transition table allows ``action`` from ``article``'s state.
    A published article can only be published or scheduled again while it is still
    scheduled (to bring it forward or move its time)."""
    transition = ALLOWED_TRANSITIONS.get(action)
    if transition is None or article.status not in transition.sources:
        return False
    if article.status == Status.PUBLISHED and action in (
        Action.PUBLISH,
        Action.SCHEDULE,
    ):
        return article.is_scheduled
    if action == Action.WITHDRAW:
        # A scheduled article was never seen: unpublishing it is enough.
        return not article.is_scheduled
    return True


def available_transitions(user, article: Article) -> list[Transition]:
    """Return the moves ``user`` can make on ``article`` now, in table order."""
    return [
        t
        for action, t in ALLOWED_TRANSITIONS.items()
        if state_allows(article, action) and may_transition(user, article, action)
    ]


@transaction.atomic
def article_transition(
    article: Article,
    *,
    action: str,
    by,
    note: str = "",
    at: datetime | None = None,
) -> Article:
    """Move ``article`` by ``action`` as user ``by`` and return it as stored.

    ``at`` is the publication time for publish/schedule; publishing without one goes
    live now (or keeps an earlier publication time the article already had). Raises
    :class:`TransitionForbidden`, :class:`TransitionNotAllowed` or
    :class:`EditorialChecksFailed`; nothing changes then."""
    transition = ALLOWED_TRANSITIONS.get(action)
    if transition is None:
        raise TransitionNotAllowed(
            _("Unknown action “%(action)s”."),
            code="unknown_action",
            params={"action": action},
        )
    current = Article.objects.select_for_update().get(pk=article.pk)
    if not may_transition(by, current, action):
        raise TransitionForbidden(
            _("You are not allowed to do this: %(action)s.")
            % {"action": transition.label}
        )
    if not state_allows(current, action):
        raise TransitionNotAllowed(
            _("An article that is %(status)s cannot be moved this way: %(action)s."),
            code="transition_not_allowed",
            params={"status": current.get_status_display(), "action": transition.label},
        )
    now = timezone.now()
    published_at = current.published_at
    recorded = action
    if action == Action.SCHEDULE:
        published_at = at or current.published_at
        if published_at is None or published_at <= now:
            raise TransitionNotAllowed(
                _("Choose a publication time in the future to schedule the article."),
                code="schedule_not_in_future",
            )
    elif action == Action.PUBLISH:
        if at is not None:
            published_at = at
            if at > now:
                recorded = Action.SCHEDULE
        elif published_at is None or published_at > now:
            published_at = now
    elif action == Action.UNPUBLISH and current.is_scheduled:
        # Cancelling a schedule: the time was only a plan.
        published_at = None
    if transition.needs_reason and not note.strip():
        raise TransitionNotAllowed(
            _("Give the reason: it is kept in the article's history."),
            code="reason_required",
        )
    embargo = current.embargoed_until
    if (
        action in (Action.PUBLISH, Action.SCHEDULE)
        and embargo
        and published_at < embargo
    ):
        raise TransitionNotAllowed(
            _(
                "The agency's embargo holds this article until %(time)s: publish or "
                "schedule it from then on."
            ),
            code="embargoed",
            params={
                "time": date_format(timezone.localtime(embargo), "DATETIME_FORMAT")
            },
        )
    if transition.checks:
        report = editorial_checks(current)
        if not report.ok:
            raise EditorialChecksFailed(report)

    from_status = current.status
    current.status = transition.target
    current.published_at = published_at
    current.version += 1
    current.updated_by = by
    current.save()
    article_record_revision(current, by=by, reason=f"transition:{recorded}")
    ArticleTransition.objects.create(
        article=current,
        action=recorded,
        from_status=from_status,
        to_status=current.status,
        by=by,
        at=now,
        published_at=published_at if transition.target == Status.PUBLISHED else None,
        note=note.strip()[:500],
    )
    return current


def article_submit(article: Article, *, by, note: str = "") -> Article:
    """Send a draft for review."""
    return article_transition(article, action=Action.SUBMIT, by=by, note=note)


def article_return_to_draft(article: Article, *, by, note: str = "") -> Article:
    """Send an article in review back to its author as a draft."""
    return article_transition(article, action=Action.RETURN, by=by, note=note)


def article_publish(
    article: Article, *, by, at: datetime | None = None, note: str = ""
) -> Article:
    """Publish now, or at ``at`` (a future ``at`` schedules)."""
    return article_transition(article, action=Action.PUBLISH, by=by, at=at, note=note)


def article_schedule(
    article: Article, *, by, at: datetime | None = None, note: str = ""
) -> Article:
    """Publish at ``at`` (or the article's own publication time), which must be in
    the future."""
    return article_transition(article, action=Action.SCHEDULE, by=by, at=at, note=note)


def article_unpublish(article: Article, *, by, note: str = "") -> Article:
    """Take a published or scheduled article off the site, back to draft."""
    return article_transition(article, action=Action.UNPUBLISH, by=by, note=note)


def article_archive(article: Article, *, by, note: str = "") -> Article:
    """Take an article off the site and out of the desk's working lists."""
    return article_transition(article, action=Action.ARCHIVE, by=by, note=note)


def article_restore(article: Article, *, by, note: str = "") -> Article:
    """Bring an archived article back as a draft."""
    return article_transition(article, action=Action.RESTORE, by=by, note=note)


def article_withdraw(article: Article, *, by, reason: str) -> Article:
    """Take a live article down (the chief): its page answers 410 Gone, it leaves
    every list, feed, sitemap and search; ``reason`` is kept in its history."""
    return article_transition(article, action=Action.WITHDRAW, by=by, note=reason)


def article_reinstate(article: Article, *, by, note: str = "") -> Article:
    """Put a withdrawn article back on the site at its publication time (the chief)."""
    return article_transition(article, action=Action.REINSTATE, by=by, note=note)
