"""Corrections, clarifications and update notes: dated notes readers see under an
article's headline. A reporter proposes one, it waits for an editor; an editor's is
published at once. Publishing one counts as an update of the article: its "last
updated" time, its ``dateModified`` and the site's caches move with it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Article, Correction
from ..signals import correction_published
from .revisions import article_record_revision

PROPOSE = "articles.add_correction"
PUBLISH = "articles.publish_correction"


def may_propose_correction(user) -> bool:
    return user.is_active and user.has_perm(PROPOSE)


def may_publish_correction(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH)


@transaction.atomic
def correction_add(article: Article, *, by, kind: str, text: str) -> Correction:
    """Add a note of ``kind`` to ``article``, which must be on the site, and return
    it: published at once when ``by`` may publish corrections, else waiting for an
    editor. Raises PermissionDenied or ValidationError (``code`` says why)."""
    if not may_propose_correction(by):
        raise PermissionDenied(_("You are not allowed to propose corrections."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the text of the note."), code="empty")
    if kind not in Correction.Kind.values:
        raise ValidationError(_("Unknown kind of note."), code="unknown_kind")
    if not Article.objects.published().filter(pk=article.pk).exists():
        raise ValidationError(
            _("Only an article on the site can be corrected."), code="not_live"
        )
    correction = Correction.objects.create(
        article=article, kind=kind, text=text, created_by=by
    )
    if may_publish_correction(by):
        correction_publish(correction, by=by)
    return correction


@transaction.atomic
def correction_publish(correction: Correction, *, by) -> Correction:
    """Publish a waiting note as ``by`` (an editor) and return it. The article is
    revised now: a new version and revision, "last updated" and ``dateModified``
    move, and the site's caches with them."""
    if not may_publish_correction(by):
        raise PermissionDenied(_("You are not allowed to publish corrections."))
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    if correction.is_published:
        raise ValidationError(
            _("This note is already published."), code="already_published"
        )
    article = Article.objects.select_for_update().get(pk=correction.article_id)
    now = timezone.now()
    correction.published_at = now
    correction.published_by = by
    correction.save(update_fields=["published_at", "published_by"])
    _mark_revised(article, by=by, at=now, reason=f"correction:{correction.kind}")
    correction_published.send(Correction, correction=correction, by=by)
    return correction


def _mark_revised(article: Article, *, by, at, reason: str) -> Article:
    """Record that ``article`` changed for readers at ``at`` without its text
    changing: a new version, its revision, and the "last updated" time."""
    Article.objects.filter(pk=article.pk).update(version=F("version") + 1)
    article.refresh_from_db(fields=["version"])
    article.revised_at = at
    article.updated_by = by
    article.save(update_fields=["revised_at", "updated_by", "updated_at"])
    article_record_revision(article, by=by, reason=reason)
    return article
