"""Saving an article without ever overwriting someone else's work.

Every stored article carries a ``version``. A save names the version its form was
loaded at; the database moves the version on only if it is still that one
(``UPDATE … SET version = version + 1 WHERE id = … AND version = loaded``), so of two
saves of the same loaded version exactly one wins, however close together they come.
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    Article,
    ArticlePresence,
    Author,
    Caption,
    Correction,
    Image,
    Section,
    Source,
    Tag,
)
from .figures import FigureInput, article_save_figures, captions_park
from .permissions import (
    can_edit_article,
    changeable_images,
    check_sections_in_scope,
    stored_in_scope,
)
from .revisions import CONTENT_FIELDS, article_record_revision, snapshot
from .taxonomy import article_set_authors


class PublicationChangeRefused(ValidationError):
    """A save tried to change whether or when an article is public: only the workflow
    (:func:`articles.services.article_transition`) does that."""

    def __init__(self):
        super().__init__(
            _(
                "A save does not change whether or when an article is on the site: "
                "use the workflow (publish, schedule, unpublish)."
            ),
            code="publication_outside_workflow",
        )


class EditConflict(Exception):
    """The article was saved by someone else after the form was loaded."""

    def __init__(self, article: Article, expected_version: int):
        super().__init__(
            f"Article {article.pk} is no longer at version {expected_version}."
        )
        self.article = article
        self.expected_version = expected_version


def article_save(
    article: Article,
    *,
    by,
    expected_version: int | None = None,
    record: bool = True,
    reason: str = "save",
) -> Article:
    """Store ``article`` (new or changed) as edited by ``by`` and return it.

    With ``expected_version``, raise :class:`EditConflict` (nothing stored) unless the
    stored article is still at that version. A save never changes an article's status,
    nor the publication time of a published one (live or scheduled): that raises
    :class:`PublicationChangeRefused` (nothing stored). With ``record=False`` the
    revision is
    left for :func:`article_record_revision`, to be written once the captions and
    sources saved with the article are stored too.

    Atomic; inside a larger transaction, a new article is saved without a savepoint
    of its own (it has no version to check, and an import pays for each round trip)."""
    with transaction.atomic(savepoint=not article._state.adding):
        article.updated_by = by
        if article._state.adding:
            if article.created_by_id is None:
                article.created_by = by
            article.version = 1
        else:
            rows = Article.objects.filter(pk=article.pk)
            if expected_version is not None:
                rows = rows.filter(version=expected_version)
            if not rows.update(version=F("version") + 1):
                raise EditConflict(article, expected_version)
            # Read under the row lock the update took: nothing can move it meanwhile.
            article.version, status, published_at = Article.objects.values_list(
                "version", "status", "published_at"
            ).get(pk=article.pk)
            if article.status != status or (
                status == Article.Status.PUBLISHED
                and article.published_at != published_at
            ):
                raise PublicationChangeRefused()
        article.save()
        if record:
            article_record_revision(article, by=by, reason=reason)
        return article


class ArticleUpdate(NamedTuple):
    """What :func:`article_update` did: the stored article, and how the body's figure
    markers followed renumbered figures ({old number: new number, or None})."""

    article: Article
    renumbering: dict[int, int | None]


@transaction.atomic
def article_update(
    article: Article,
    *,
    by,
    expected_version: int | None = None,
    sources=None,
    sections=None,
    tags=None,
    authors=None,
    figures: Iterable[FigureInput] = (),
    deleted: Iterable[Caption] = (),
    silent: bool = False,
    note: str = "",
) -> ArticleUpdate:
    """Store an editor's change of ``article`` in one go: its fields (refused with
    :class:`EditConflict`, nothing stored, when someone saved since
    ``expected_version``), its ``sources``, other ``sections``, ``tags`` and
    ``authors`` (in byline order; each when given), its changed ``figures`` and
    ``deleted`` ones with their photos (see :func:`article_save_figures`), then one
    revision of the whole. ``by`` must be allowed to edit the article
    (PermissionDenied otherwise, nothing stored).

    A change of a live article is an update readers are told of ("last updated",
    ``dateModified``), with ``note`` as a public update note when given; a
    ``silent`` fix (a typo) moves neither and takes no note."""
    created = article._state.adding
    if not created and not (
        can_edit_article(by, article) and stored_in_scope(by, article)
    ):
        raise PermissionDenied(_("You are not allowed to change this article."))
    check_sections_in_scope(by, article.section, sections or ())
    article_save(article, by=by, expected_version=expected_version, record=False)
    if sources is not None:
        article.sources.set(sources)
    if sections is not None:
        article.sections.set(sections)
    if tags is not None:
        article.tags.set(tags)
    if authors is not None:
        article_set_authors(article, authors)
    renumbering = article_save_figures(
        article, by=by, figures=list(figures), deleted=list(deleted)
    )
    if silent:
        reason = "save:silent"
    elif _mark_revised_if_live(article) and note.strip():
        Correction.objects.create(
            article=article,
            kind=Correction.Kind.UPDATE,
            text=note.strip(),
            created_by=by,
            published_at=article.revised_at,
            published_by=by,
        )
        reason = "save:update"
    else:
        reason = "save"
    article_record_revision(article, by=by, reason=reason)
    return ArticleUpdate(article, renumbering)


def _mark_revised_if_live(article: Article) -> bool:
    """Readers are told of a change made while the article is live (آخر تحديث);
    return whether it is live."""
    now = timezone.now()
    live = article.status == Article.Status.PUBLISHED and (
        article.published_at is not None and article.published_at <= now
    )
    if live:
        article.revised_at = now
        Article.objects.filter(pk=article.pk).update(revised_at=now)
    return live


class RestoreError(Exception):
    """A revision cannot be restored as asked."""


@transaction.atomic
def article_restore_revision(
    article: Article,
    *,
    revision_id: int,
    by,
    expected_version: int | None = None,
) -> Article:
    """Bring back the content of one of ``article``'s revisions (text, sources,
    section, tags, authors, figures and their alt texts) as a new revision, and return the article. The workflow
    state and publication time are left as they are: they change by transitions.
    Photos deleted since are skipped (their figures cannot come back); a revision
    that names no source leaves the sources as they are; the alt text of a photo
    ``by`` may not change (shared with articles they cannot edit) stays as it is."""
    if not can_edit_article(by, article):
        raise PermissionDenied(_("You are not allowed to change this article."))
    revision = article.revisions.filter(pk=revision_id).first()
    if revision is None:
        raise RestoreError(f"No revision {revision_id} of article {article.pk}.")
    recorded = snapshot(revision)
    for name in CONTENT_FIELDS:
        setattr(article, name, recorded.fields[name])
    if recorded.section_ids is not None:
        # Recorded since sections exist; a section deleted since is left out.
        section_id = (recorded.section or {}).get("id")
        article.section = Section.objects.filter(pk=section_id).first()
    check_sections_in_scope(by, article.section)
    article_save(article, by=by, expected_version=expected_version, record=False)
    if recorded.source_ids:
        # A revision without sources was recorded before they were attached (bulk
        # imports): the article's sources are then left as they are.
        article.sources.set(Source.objects.filter(pk__in=recorded.source_ids))
    if recorded.section_ids is not None:
        article.sections.set(Section.objects.filter(pk__in=recorded.section_ids))
        article.tags.set(Tag.objects.filter(pk__in=recorded.tag_ids))
        kept = Author.objects.in_bulk(recorded.author_ids)
        article_set_authors(
            article, [kept[pk] for pk in recorded.author_ids if pk in kept]
        )

    current = {c.pk: c for c in article.captions.all()}
    wanted = recorded.figures
    for caption_id in current.keys() - wanted.keys():
        current.pop(caption_id).delete()
    captions_park(list(current.values()))
    images = Image.objects.in_bulk({f.image_id for f in wanted.values()})
    changeable = changeable_images(by, images.values())
    credits = Source.objects.in_bulk(
        {f.credit_id for f in wanted.values() if f.credit_id}
    )
    for caption_id, figure in wanted.items():
        caption = current.get(caption_id) or Caption(article=article)
        image = images.get(figure.image_id) or (caption.image if caption.pk else None)
        if image is None:
            continue
        caption.image = image
        caption.position = figure.position
        caption.text = figure.text
        caption.credit = credits.get(figure.credit_id)
        caption.credit_note = figure.credit_note
        caption.photographer = figure.photographer
        caption.save()
        if image.alt_text != figure.alt_text and image.pk in changeable:
            image.alt_text = figure.alt_text
            image.save(update_fields=["alt_text"])
    _mark_revised_if_live(article)
    article_record_revision(article, by=by, reason=f"restore:{revision.version}")
    return article


def article_mark_open(article: Article, *, by) -> None:
    """Record that ``by`` has ``article``'s form open now (the desk's form says so
    every minute while it is open), so others opening it are warned."""
    ArticlePresence.objects.update_or_create(
        article=article, user=by, defaults={"seen_at": timezone.now()}
    )
