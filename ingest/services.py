"""Importing raw pieces: parsed structure in, Article/Image/Caption/Source rows out.

Each file is all-or-nothing: one transaction, and a file that fails leaves no row
behind. A piece already imported is recognised by a hash of its structure (so the same
text in another encoding or with other line ends counts as the same), and an agency's
item by its guid (``external_id``) too, whatever its file; a piece editors have changed
is never overwritten.

What the agency says of its item holds whatever the desk did: a withheld or canceled
item marks its article (``wire_status``) for an editor's attention and is never
published by the import; an embargo is kept on the article, which cannot go live
before it (``articles.services.workflow``).
"""

import functools
import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.body import FigureMarker, Paragraph, render_body
from articles.models import Article, Caption, Image, Source
from articles.notation import escape_text
from articles.scopes import in_scope
from articles.services.articles import article_save
from articles.services.images import cleanup_files_on_error, image_create
from articles.services.revisions import (
    REASON_MAX_LENGTH,
    article_content,
    article_record_revision,
)
from articles.services.taxonomy import (
    article_set_authors,
    authors_by_key,
    byline_authors,
    keyword_tags,
    tags_by_key,
)
from articles.services.workflow import (
    EditorialChecksFailed,
    TransitionForbidden,
    TransitionNotAllowed,
    article_publish,
)
from articles.signals import articles_changed
from articles.text import arabic_slugify, match_key
from ingest.importer import (
    Figure,
    KnownCredits,
    ParsedPiece,
    ParseError,
    parse,
)
from ingest.importer.serial import error_from_data, piece_from_data

#: Longest file name kept on an article (its column's length); a longer path keeps its
#: end, the part that names the file.
FILENAME_MAX_LENGTH = Article._meta.get_field("import_filename").max_length


class ImportStatus(StrEnum):
    """What became of one file."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept"  # an editor changed the article since its import: left as it is
    SKIPPED = "skipped"  # not a piece (a hidden file, a folder's stray file)
    FAILED = "failed"


@dataclass
class ImportResult:
    """What happened to one file. ``message`` explains a failure or a kept piece."""

    filename: str
    status: str
    article: Article | None = None
    piece: ParsedPiece | None = None
    message: str = ""
    new_sources: list[Source] = field(default_factory=list)
    #: What went wrong with the photos of a bundle (the piece is imported anyway).
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != ImportStatus.FAILED


def figure_images(figures, photos, *, credits, user) -> tuple[list[Image], list[str]]:
    """The images of a piece's ``figures`` (with their ``credits``, in order), and what
    went wrong with ``photos`` (the piece's bundle, see ``ingest.files``). A photo goes
    through the checks of every upload and is stored now; a figure without one gets
    an image still to be saved (``pk`` None) for its photo to come later. A missing,
    unreadable or refused photo is a warning, never a failed piece."""
    by_number = {photo.number: photo for photo in photos}
    images, warnings = [], []
    for number, (figure, credit) in enumerate(zip(figures, credits, strict=True), 1):
        alt = figure.alt or ""
        image = Image(alt_text=alt, credit=credit, uploaded_by=user)
        photo = by_number.pop(number, None)
        if photo is None and photos:
            warnings.append(
                _("figure %(number)s: the bundle has no photo for it.")
                % {"number": number}
            )
        elif photo is not None and photo.data is None:
            warnings.append(_photo_refused(photo, photo.error))
        elif photo is not None:
            try:
                image = image_create(
                    file=SimpleUploadedFile(photo.name, photo.data),
                    by=user,
                    alt_text=alt,
                    credit=credit,
                    reuse_duplicate=True,
                )
            except ValidationError as error:
                warnings.append(_photo_refused(photo, " ".join(error.messages)))
        images.append(image)
    warnings += [
        _("%(file)s: the piece has no figure %(number)s; the photo was left out.")
        % {"file": photo.name, "number": photo.number}
        for photo in by_number.values()
    ]
    return images, warnings


def _photo_refused(photo, reason: str) -> str:
    return _("%(file)s: not attached to figure %(number)s (%(reason)s).") % {
        "file": photo.name,
        "number": photo.number,
        "reason": reason,
    }


def piece_hash(piece: ParsedPiece) -> str:
    """Return the SHA-256 of a piece's content (headline, standfirst, blocks, sources,
    byline, original address): the same piece hashes the same whatever its encoding,
    line ends or white space."""
    data = piece.to_json()
    content = {
        key: data.get(key)
        for key in ("headline", "standfirst", "blocks", "byline", "original_url")
    }
    content["sources"] = sorted(data["sources"])
    text = " ".join(json.dumps(content, ensure_ascii=False, sort_keys=True).split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def known_credits() -> KnownCredits:
    """The names the parser should know as credits: every confirmed source's name and
    other spellings (one query). Unconfirmed ones are still somebody's guess."""
    rows = (
        Source.objects.filter(is_confirmed=True)
        .order_by()
        .values_list("key", "aliases__key")
    )
    return KnownCredits(key for row in rows for key in row if key)


class SourceIndex:
    """Finds the Source for a credit or source-line name, creating unconfirmed ones for
    names nobody knows. ``SourceIndex(names)`` looks those names up in one query,
    whatever the number of sources; ``SourceIndex.everything()`` holds every source,
    for importing many files with no lookup at all. After a file whose transaction
    rolled back, the index is dropped and read again (``ingest.jobs``): the sources it
    created are gone."""

    def __init__(self, names=None):
        self.by_key: dict[str, Source] = {}
        self.created: list[Source] = []
        self.complete = names is None
        matches = Source.objects.annotate(alias_key=F("aliases__key"))
        if names is not None:
            keys = {match_key(name) for name in names if name}
            matches = matches.filter(Q(key__in=keys) | Q(aliases__key__in=keys))
        for source in matches:
            if names is None or source.key in keys:
                self.by_key[source.key] = source
            if source.alias_key and (names is None or source.alias_key in keys):
                self.by_key.setdefault(source.alias_key, source)

    @classmethod
    def everything(cls) -> "SourceIndex":
        return cls(None)

    @functools.cached_property
    def known(self) -> KnownCredits:
        """The confirmed names this index holds, for the parser (all of them when it
        holds ``everything()``; the sources it creates are unconfirmed)."""
        return KnownCredits(
            key for key, source in self.by_key.items() if source.is_confirmed
        )

    def file_started(self) -> None:
        """Start counting the sources the next file creates."""
        self.created = []

    def find(self, name: str) -> Source | None:
        """Return the known source for ``name``, or None."""
        return self.by_key.get(match_key(name))

    def get(self, name: str) -> Source:
        key = match_key(name)
        if key not in self.by_key:
            source = self._create(name, key)
            self.by_key[key] = source
        return self.by_key[key]

    def _create(self, name: str, key: str) -> Source:
        """Create an unconfirmed source for ``name``, or return the one another import
        running at the same time has just created."""
        try:
            with transaction.atomic():
                source = Source.objects.create(name=name, is_confirmed=False)
        except IntegrityError:
            source = Source.objects.filter(key=key).first()
            if source is not None:
                return source
            # Another name with the same slug (they differ only by punctuation).
            slug = arabic_slugify(name, max_length=110) or "source"
            taken = set(
                Source.objects.filter(slug__startswith=slug).values_list(
                    "slug", flat=True
                )
            )
            free = next(
                f"{slug}-{n}"
                for n in range(2, len(taken) + 3)
                if f"{slug}-{n}" not in taken
            )
            with transaction.atomic():
                source = Source.objects.create(name=name, slug=free, is_confirmed=False)
        self.created.append(source)
        return source


def piece_source_names(piece: ParsedPiece) -> list[str]:
    """Every source name a piece mentions: its source line and its credits (without
    their archive notes)."""
    names = list(piece.sources)
    for block in piece.blocks:
        if isinstance(block, Figure) and (parts := block.credit_parts):
            names += [parts.service] if parts.service else []
    return names


def piece_body(piece: ParsedPiece) -> str:
    """Return the body notation for a piece, figures numbered from 1 in order. An
    agency's text is text: what the notation would read as a link, emphasis, a
    quotation, a list or an embed is kept literal (``articles.notation.escape_text``);
    a Newsroom export of an article's own body (``piece.notation``) is kept as it is."""
    blocks, number = [], 0
    for block in piece.blocks:
        if isinstance(block, Figure):
            number += 1
            blocks.append(FigureMarker(number))
        elif isinstance(block, Paragraph) and not piece.notation:
            blocks.append(replace(block, text=escape_text(block.text)))
        else:  # a Subheading (plain text), or the article's own notation
            blocks.append(block)
    return render_body(blocks)


def import_outcome(piece: ParsedPiece, *, filename: str, lock: bool = False):
    """Return what importing ``piece`` from ``filename`` would do, without saving:
    ``(status, article, hash)``. UNCHANGED: the same content is already an article,
    or a newer version of the same agency item is. UPDATED: an earlier version (from
    the same file with the same headline, or with the same guid) is still an
    untouched draft and will be replaced. KEPT: that earlier version was changed since
    (or published) and will not be overwritten. CREATED: a new article. ``lock``
    (inside a transaction) holds the earlier version's row until the transaction
    ends, so nobody can edit it between this check and its replacement."""
    filename = filename[-FILENAME_MAX_LENGTH:]
    digest = piece_hash(piece)
    candidates = earlier_imports(
        [digest], [(filename, piece.headline)], [piece.external_id]
    )
    if lock:
        candidates = candidates.select_for_update(of=("self",))
    return decide_outcome(piece, filename, digest, candidates)


def earlier_imports(digests, names, external_ids=()):
    """Articles imported before with one of these content ``digests``, or from one of
    these ``(filename, headline)`` pairs (and maybe other pairs of the same names), or
    with one of these agency ``external_ids``, newest first: one query, by indexes."""
    filenames = {filename for filename, _headline in names}
    headlines = {headline for _filename, headline in names}
    # Each branch repeats its partial index's condition so the planner can use it.
    return Article.objects.filter(
        (Q(import_hash__in=digests) & ~Q(import_hash=""))
        | (
            Q(import_filename__in=filenames, headline__in=headlines)
            & ~Q(import_filename="")
        )
        | (Q(external_id__in=[i for i in external_ids if i]) & ~Q(external_id=""))
    ).order_by("-created_at")


def decide_outcome(piece: ParsedPiece, filename: str, digest: str, candidates):
    """``(status, article, digest)`` for ``piece`` given ``candidates`` (earlier
    imports, newest first, any of which may concern other pieces): see
    :func:`import_outcome`."""
    earlier = None
    for article in candidates:
        same_item = bool(piece.external_id) and article.external_id == piece.external_id
        if (
            article.import_hash != digest
            and not same_item
            and (
                article.import_filename != filename
                or article.headline != piece.headline
            )
        ):
            continue
        if article.import_hash == digest or _older_version(piece, article, same_item):
            return ImportStatus.UNCHANGED, article, digest
        earlier = earlier or article
    if earlier is None:
        return ImportStatus.CREATED, None, digest
    if _untouched_since_import(earlier):
        return ImportStatus.UPDATED, earlier, digest
    return ImportStatus.KEPT, earlier, digest


def _older_version(piece: ParsedPiece, article: Article, same_item: bool) -> bool:
    """True when ``article`` holds a newer version of the agency item ``piece`` is."""
    return (
        same_item
        and piece.version is not None
        and article.external_version is not None
        and piece.version < article.external_version
    )


#: Agency statuses that keep a piece from being published by its import.
HELD_STATUSES = {
    Article.WireStatus.WITHHELD: gettext_lazy("the agency withheld this piece"),
    Article.WireStatus.CANCELED: gettext_lazy("the agency canceled this piece"),
}


def wire_fields(piece: ParsedPiece) -> dict:
    """The article's columns an agency item sets: guid, version, status, embargo."""
    return {
        "external_id": piece.external_id or "",
        "external_version": piece.version,
        "wire_status": piece.pub_status if piece.pub_status in HELD_STATUSES else "",
        "embargoed_until": piece.embargoed,
    }


def publication_hold(piece: ParsedPiece) -> str | None:
    """Why the import must not publish ``piece`` (the agency withheld or canceled
    it), or None."""
    reason = HELD_STATUSES.get(piece.pub_status)
    return _("not published: %(reason)s") % {"reason": reason} if reason else None


def import_publication_time(piece: ParsedPiece, now: datetime) -> datetime:
    """When an imported piece goes live: its own time (or ``now``), or the end of its
    embargo when that is later; in UTC (see :func:`stored_time`)."""
    at = piece.published_at or now
    return stored_time(max(at, piece.embargoed) if piece.embargoed else at)


def stored_time(moment: datetime | None) -> datetime | None:
    """``moment`` in UTC, as the database gives it back: the revision an import
    records then equals the article read again later, whatever the offset the file
    wrote (``+03:00``), and the untouched article may be replaced by a new version."""
    return moment.astimezone(UTC) if moment else None


def _mark_held(article: Article, piece: ParsedPiece) -> None:
    """Flag an article the import does not change when its agency withdrew or
    canceled the item: the flag is for the desk, it changes no content."""
    status = wire_fields(piece)["wire_status"]
    if status and article.wire_status != status:
        Article.objects.filter(pk=article.pk).update(wire_status=status)
        article.wire_status = status
        # Partners read the status (the API's ninjs): their cached copies are stale.
        articles_changed.send(sender=Article)


def article_import(
    data: bytes,
    *,
    filename: str,
    user=None,
    publish: bool = False,
    default_source: Source | None = None,
    max_bytes: int | None = None,
    sources: SourceIndex | None = None,
    known: KnownCredits | None = None,
    photos=(),
) -> ImportResult:
    """Import one file. Returns the result; never raises for bad input. On failure
    nothing is saved; on success the article (a draft unless ``publish``) and its
    figures, images and any new unconfirmed sources are saved together. ``sources``
    may be kept from one file to the next (see :class:`SourceIndex`), and so may
    ``known`` (see :func:`known_credits`)."""
    try:
        piece = parse(
            data,
            filename=filename,
            max_bytes=max_bytes,
            known_credits=known_credits() if known is None else known,
        )
    except ParseError as error:
        return ImportResult(filename, ImportStatus.FAILED, message=str(error))
    return article_import_piece(
        piece,
        filename=filename,
        user=user,
        publish=publish,
        default_source=default_source,
        sources=sources,
        photos=photos,
    )


@transaction.atomic
def article_import_piece(
    piece: ParsedPiece,
    *,
    filename: str,
    user=None,
    publish: bool = False,
    default_source: Source | None = None,
    sources: SourceIndex | None = None,
    photos=(),
) -> ImportResult:
    """Save a parsed piece (see :func:`article_import`), with the ``photos`` of its
    bundle (see :func:`figure_images`)."""
    filename = filename[-FILENAME_MAX_LENGTH:]
    status, earlier, digest = import_outcome(piece, filename=filename, lock=True)
    if status in (ImportStatus.UNCHANGED, ImportStatus.KEPT):
        _mark_held(earlier, piece)
    # The article is left as it is: so are its figures' photos.
    not_attached = _photos_not_attached(earlier, photos) if earlier else []
    if status == ImportStatus.UNCHANGED:
        return ImportResult(filename, status, earlier, piece, warnings=not_attached)
    if status == ImportStatus.KEPT:
        return ImportResult(
            filename,
            status,
            earlier,
            piece,
            warnings=not_attached,
            message=_(
                "%(file)s: an earlier version was edited or published in the newsroom "
                "since it was imported; it was kept as it is and this file was not "
                "imported."
            )
            % {"file": filename},
        )

    if earlier is not None and user is not None and not in_scope(user, earlier):
        # Desk scoping: someone limited to some sections updates none outside them.
        return ImportResult(
            filename,
            ImportStatus.FAILED,
            piece=piece,
            message=_(
                "%(file)s: an earlier version of this piece is outside the sections "
                "you work in; it was not imported."
            )
            % {"file": filename},
        )
    if sources is None:
        sources = SourceIndex(piece_source_names(piece))
    sources.file_started()
    article = earlier or Article(created_by=user, import_filename=filename)
    article.headline = piece.headline
    article.standfirst = piece.standfirst or ""
    article.body = piece_body(piece)
    article.byline = piece.byline or ""
    article.original_url = piece.original_url or ""
    article.import_hash = digest
    for name, value in wire_fields(piece).items():
        setattr(article, name, value)
    if piece.published_at and not article.published_at:
        article.published_at = stored_time(piece.published_at)
    # Moves the version on, so a form opened on the earlier draft cannot save over this.
    article_save(
        article,
        by=user,
        record=False,
        expected_version=earlier.version if earlier else None,
    )
    article.imported_version = article.version
    Article.objects.filter(pk=article.pk).update(imported_version=article.version)

    article_sources = [sources.get(name) for name in piece.sources]
    if not article_sources and default_source is not None:
        article_sources = [default_source]
    if earlier is not None:
        article.sources.clear()
        _drop_figures(article)
    article_sources = list(dict.fromkeys(article_sources))
    Article.sources.through.objects.bulk_create(
        Article.sources.through(article=article, source=source)
        for source in article_sources
    )
    captions, warnings = _save_figures(article, piece, sources, user, photos)
    # A byline naming staff authors links to them; no author is ever created here.
    authors = byline_authors(article.byline, authors_by_key([article.byline]))
    article_set_authors(article, authors)
    # An agency's keywords link to the newsroom's tags they name; none is created.
    tags = keyword_tags(piece.keywords, tags_by_key(piece.keywords))
    article.tags.set(tags)
    article_record_revision(
        article,
        by=user,
        reason="import:" + filename[-(REASON_MAX_LENGTH - len("import:")) :],
        sources=article_sources,
        captions=captions,
        tags=tags,
        authors=authors,
    )
    status = ImportStatus.UPDATED if earlier is not None else ImportStatus.CREATED
    result = ImportResult(
        filename,
        status,
        article,
        piece,
        new_sources=sources.created,
        warnings=warnings,
    )
    if publish:
        _publish(result, user)
    return result


def _publish(result: ImportResult, user) -> None:
    """Publish an imported article through the workflow (permission, editorial checks,
    a recorded transition). A refusal leaves it a draft and says why; the import
    itself stands."""
    article = result.article
    if hold := publication_hold(result.piece):
        result.message = hold
        return
    if user is None:
        result.message = _("not published: publishing needs a user allowed to publish.")
        return
    if not article.body:
        # Archive records with a title only.
        result.message = _("not published: the piece has no text.")
        return
    try:
        with transaction.atomic():
            at = import_publication_time(result.piece, timezone.now())
            result.article = article_publish(
                article, by=user, at=at, note=_("Imported")
            )
    except (TransitionForbidden, TransitionNotAllowed, EditorialChecksFailed) as error:
        result.message = _("not published: %(reason)s") % {"reason": _reason(error)}


def _reason(error) -> str:
    if isinstance(error, EditorialChecksFailed):
        return " ".join(problem.message for problem in error.report.errors)
    if hasattr(error, "messages"):
        return " ".join(error.messages)
    return str(error)


def _drop_figures(article: Article) -> None:
    """Delete an article's figures, and the images only they used that have no photo."""
    image_ids = list(article.captions.values_list("image_id", flat=True))
    for caption in article.captions.all():
        caption.delete()
    Image.objects.filter(pk__in=image_ids, file="", captions__isnull=True).delete()


def piece_figures(article, piece, sources, user, photos=()):
    """The figures of ``piece`` for ``article``, not yet stored: ``(images, captions,
    warnings)``, credits resolved through ``sources``, the bundle's ``photos``
    attached (see :func:`figure_images`; those images are stored already)."""
    figures = [b for b in piece.blocks if isinstance(b, Figure)]
    parts = [figure.credit_parts for figure in figures]
    credits = [
        sources.get(part.service) if part and part.service else None for part in parts
    ]
    images, warnings = figure_images(figures, photos, credits=credits, user=user)
    captions = [
        Caption(
            article=article,
            image=image,
            text=figure.caption,
            credit=credit,
            credit_note=(part.note or "") if part else "",
            photographer=(part.photographer or "") if part else "",
            position=number,
        )
        for number, (figure, image, credit, part) in enumerate(
            zip(figures, images, credits, parts, strict=True), 1
        )
    ]
    return images, captions, warnings


def _save_figures(article, piece, sources, user, photos):
    images, captions, warnings = piece_figures(article, piece, sources, user, photos)
    Image.objects.bulk_create(image for image in images if image.pk is None)
    return Caption.objects.bulk_create(captions), warnings


def _untouched_since_import(article: Article) -> bool:
    """True when nobody touched the article since it was imported: still a draft,
    still at the version its import left (every save moves the version on), its
    latest revision is the import's, and it is still what that revision recorded
    (text, sources, figures and photos: a change made around the services counts)."""

    if (
        article.status != Article.Status.DRAFT
        or article.imported_version is None
        or article.imported_version != article.version
    ):
        return False
    last = article.revisions.first()
    if last is None or not last.reason.startswith("import:"):
        return False
    # Revisions recorded before sections, tags and authors existed lack them.
    current = article_content(article)
    return last.content == {key: current[key] for key in last.content}


def import_staged(name: str, data: dict, *, photos=(), **options) -> ImportResult:
    """Import what the desk's preview parsed from the file ``name`` and staged
    (``ingest.admin.preview``, ``ingest.staging``)."""
    if "error" in data:
        message = str(error_from_data(data["error"]))
        return ImportResult(name, ImportStatus.FAILED, message=message)
    piece = piece_from_data(data["piece"])
    for _attempt in range(2):
        try:
            with cleanup_files_on_error(), transaction.atomic():
                return article_import_piece(
                    piece, filename=name, photos=photos, **options
                )
        except IntegrityError as clash:
            # Someone stored the same piece or new source at the same moment:
            # once more, to find their rows.
            error = clash
        except DatabaseError as refused:  # e.g. a NUL byte PostgreSQL refuses
            error = refused
            break
    return _not_stored(name, error)


def _not_stored(name: str, error: DatabaseError) -> ImportResult:
    return ImportResult(
        name, ImportStatus.FAILED, message=not_stored_message(name, error)
    )


def _photos_not_attached(article, photos) -> list[str]:
    """A warning naming the bundle's ``photos`` that ``article`` (imported before,
    left as it is) does not have on their figures; none when a first run attached
    them (one query, only when there are photos)."""
    if not photos:
        return []
    with_photo = set(
        article.captions.exclude(image__file="").values_list("position", flat=True)
    )
    missing = [photo.name for photo in photos if photo.number not in with_photo]
    if not missing:
        return []
    return [
        _(
            "%(photos)s: not attached, the piece was imported before; add them "
            "to its figures in the desk."
        )
        % {"photos": "، ".join(missing)}
    ]


def not_stored_message(filename: str, error: DatabaseError) -> str:
    """What a file whose rows the database refused reports."""
    text = str(error).strip()
    reason = text.splitlines()[0] if text else type(error).__name__
    return _("%(file)s: could not be stored (%(reason)s); nothing was saved.") % {
        "file": filename,
        "reason": reason,
    }
