"""Importing new pieces in bulk: a chunk of files stored in a few queries.

An archive migration brings thousands of files that are all new. Saving each on its own
(an insert per row, a transaction per file, the article read back to publish it) costs
a dozen round trips a file; here a chunk of new pieces is written with one
``bulk_create`` per table (articles, their sources, images, figures, revisions, status
changes), in one transaction, with everything the one-file import records: the
revision of the import (and of the publication), the editorial checks before
publishing, the search keys, unconfirmed sources for unknown credits.

All or nothing per file still holds: the chunk commits whole, and when anything in it
fails the chunk is rolled back and its files are imported again one by one, so only
the faulty file fails (see ``ingest.jobs``).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    ArticleAuthor,
    ArticleTransition,
    Caption,
    Image,
    Revision,
)
from articles.services.checks import editorial_checks
from articles.services.revisions import REASON_MAX_LENGTH, revision_of
from articles.services.taxonomy import (
    authors_by_key,
    byline_authors,
    keyword_tags,
    tags_by_key,
)
from articles.services.workflow import may_transition
from articles.signals import articles_changed
from ingest.importer import ParsedPiece
from ingest.services import (
    FILENAME_MAX_LENGTH,
    ImportResult,
    ImportStatus,
    SourceIndex,
    import_publication_time,
    piece_body,
    piece_figures,
    publication_hold,
    stored_time,
    wire_fields,
)

Action = ArticleTransition.Action


@dataclass
class NewPiece:
    """A parsed piece that no earlier import knows, to be stored as a new article."""

    filename: str
    piece: ParsedPiece
    digest: str
    photos: tuple = ()


@dataclass
class _Draft:
    """One piece on its way into the database."""

    result: ImportResult
    sources: list
    images: list
    captions: list
    authors: list
    tags: list
    transition: ArticleTransition | None = None


@transaction.atomic
def articles_create_bulk(
    pieces: list[NewPiece],
    *,
    user=None,
    publish: bool = False,
    default_source=None,
    sources: SourceIndex,
) -> list[ImportResult]:
    """Store ``pieces`` as new articles (published when ``publish`` and they pass the
    editorial checks, as :func:`ingest.services.article_import` does) and return a
    result for each, in order. One transaction: on an error nothing is stored."""
    now = timezone.now()
    # Bylines naming staff authors link to them (one query); none is ever created.
    authors = authors_by_key(item.piece.byline or "" for item in pieces)
    # Agency keywords link to existing tags (one query); none is ever created.
    tags = tags_by_key(keyword for item in pieces for keyword in item.piece.keywords)
    drafts = [
        _draft(
            item,
            user=user,
            default_source=default_source,
            sources=sources,
            authors=authors,
            tags=tags,
        )
        for item in pieces
    ]
    if publish:
        for draft in drafts:
            _publish(draft, user=user, now=now)
    Article.objects.bulk_create(d.result.article for d in drafts)
    through = Article.sources.through
    through.objects.bulk_create(
        through(article=d.result.article, source=source)
        for d in drafts
        for source in d.sources
    )
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article=d.result.article, tag=tag)
        for d in drafts
        for tag in d.tags
    )
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=d.result.article, author=author, position=position)
        for d in drafts
        for position, author in enumerate(d.authors)
    )
    # Images with a photo from the bundle are stored already.
    Image.objects.bulk_create(
        image for d in drafts for image in d.images if image.pk is None
    )
    Caption.objects.bulk_create(caption for d in drafts for caption in d.captions)
    Revision.objects.bulk_create(
        revision for d in drafts for revision in _revisions(d, user=user)
    )
    ArticleTransition.objects.bulk_create(d.transition for d in drafts if d.transition)
    articles_changed.send(sender=Article)
    return [d.result for d in drafts]


def _draft(
    item: NewPiece,
    *,
    user,
    default_source,
    sources: SourceIndex,
    authors: dict,
    tags: dict,
) -> _Draft:
    piece = item.piece
    sources.file_started()
    article_sources = [sources.get(name) for name in piece.sources]
    if not article_sources and default_source is not None:
        article_sources = [default_source]
    article = Article(
        headline=piece.headline,
        standfirst=piece.standfirst or "",
        body=piece_body(piece),
        byline=piece.byline or "",
        original_url=piece.original_url or "",
        published_at=stored_time(piece.published_at),
        import_filename=item.filename[-FILENAME_MAX_LENGTH:],
        import_hash=item.digest,
        **wire_fields(piece),
        created_by=user,
        updated_by=user,
        version=1,
        imported_version=1,
    )
    images, captions, warnings = piece_figures(
        article, piece, sources, user, item.photos
    )
    article_sources = list(dict.fromkeys(article_sources))
    return _Draft(
        result=ImportResult(
            item.filename,
            ImportStatus.CREATED,
            article,
            piece,
            new_sources=list(sources.created),
            warnings=warnings,
        ),
        sources=article_sources,
        images=images,
        captions=captions,
        authors=byline_authors(article.byline, authors),
        tags=keyword_tags(item.piece.keywords, tags),
    )


def _revisions(draft: _Draft, *, user) -> list[Revision]:
    """The revisions a one-file import writes, of rows now stored: the import's (a
    draft at version 1), and the publication's when it was published."""
    article = draft.result.article
    filename = article.import_filename
    stored = {
        "sources": draft.sources,
        "captions": draft.captions,
        "sections": [],
        "tags": draft.tags,
        "authors": draft.authors,
    }
    imported = revision_of(
        article,
        by=user,
        reason="import:" + filename[-(REASON_MAX_LENGTH - len("import:")) :],
        **stored,
    )
    if draft.transition is None:
        return [imported]
    published = revision_of(
        article, by=user, reason=f"transition:{draft.transition.action}", **stored
    )
    # The import recorded the piece before it was published.
    imported.version = 1
    piece_time = stored_time(draft.result.piece.published_at)
    imported.content["fields"].update(
        status=Article.Status.DRAFT,
        published_at=piece_time.isoformat() if piece_time else None,
    )
    return [imported, published]


def _publish(draft: _Draft, *, user, now) -> None:
    """Publish the draft as ``article_publish`` would (permission, editorial checks, a
    recorded transition and revision), or say why not: the import stands either way."""
    result = draft.result
    article = result.article
    if hold := publication_hold(result.piece):
        result.message = hold
        return
    if user is None or not may_transition(user, article, Action.PUBLISH):
        result.message = _("not published: publishing needs a user allowed to publish.")
        return
    if not article.body:
        # Archive records with a title only.
        result.message = _("not published: the piece has no text.")
        return
    report = editorial_checks(article, sources=draft.sources, captions=draft.captions)
    if not report.ok:
        reasons = " ".join(problem.message for problem in report.errors)
        result.message = _("not published: %(reason)s") % {"reason": reasons}
        return
    published_at = import_publication_time(result.piece, now)
    action = Action.SCHEDULE if published_at > now else Action.PUBLISH
    article.status = Article.Status.PUBLISHED
    article.published_at = published_at
    article.version = 2
    draft.transition = ArticleTransition(
        article=article,
        action=action,
        from_status=Article.Status.DRAFT,
        to_status=Article.Status.PUBLISHED,
        by=user,
        at=now,
        published_at=published_at,
        note=_("Imported"),
    )
