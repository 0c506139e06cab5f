"""Importing many files: a chunk at a time, in this process or in several workers.

The new pieces of a chunk are stored together (``ingest.bulk``); the others (a piece
imported before, a corrected file replacing its draft) and every piece of a chunk that
failed to store are imported one by one by ``article_import_piece``, each in its own
transaction. Each file is imported whole or not at all; workers only let a large
archive use every core. Reports come back in the order of the files.
"""

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.db import DatabaseError, IntegrityError, connections

from articles.models import Source
from articles.services.images import cleanup_files_on_error
from ingest.bulk import NewPiece, articles_create_bulk
from ingest.files import ImportFile
from ingest.importer import ParsedPiece, ParseError, parse
from ingest.services import (
    FILENAME_MAX_LENGTH,
    ImportResult,
    ImportStatus,
    SourceIndex,
    article_import_piece,
    earlier_imports,
    not_stored_message,
    piece_hash,
)

#: Files read, parsed and stored together; memory holds one chunk per worker.
CHUNK_SIZE = 100

# The sources this process knows, kept from one file to the next (see SourceIndex).
_sources: SourceIndex | None = None


@dataclass(frozen=True)
class FileReport:
    """What happened to one file, in plain values (it crosses process boundaries)."""

    filename: str
    status: str
    article_id: int | None = None
    headline: str = ""
    message: str = ""
    new_sources: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    skipped: bool = False
    #: What went wrong with the photos of its bundle.
    photo_warnings: tuple[str, ...] = ()


def import_chunk(
    files: list[ImportFile],
    *,
    user_id: int | None,
    publish: bool,
    source_id: int | None,
    max_bytes: int,
) -> list[FileReport]:
    """Import ``files`` and report on each, in order: the new pieces together, the
    others (and all of them if storing them together fails) one by one. A file that
    cannot be read or parsed is reported as failed (or skipped)."""
    global _sources
    _forget_queries()
    user = get_user_model().objects.get(pk=user_id) if user_id else None
    source = Source.objects.get(pk=source_id) if source_id else None
    if _sources is None:
        _sources = SourceIndex.everything()
    reports: list[FileReport | None] = [None] * len(files)
    parsed = []
    for index, file in enumerate(files):
        if file.data is None:
            status = ImportStatus.SKIPPED if file.skipped else ImportStatus.FAILED
            reports[index] = FileReport(
                file.name, status, message=file.error, skipped=file.skipped
            )
            continue
        try:
            piece = parse(
                file.data,
                filename=file.name,
                max_bytes=max_bytes,
                known_credits=_sources.known,
            )
        except ParseError as error:
            reports[index] = FileReport(
                file.name, ImportStatus.FAILED, message=str(error)
            )
            continue
        parsed.append((index, file, piece))
    new, one_by_one = _new_pieces(parsed)
    if new:
        try:
            # The bundles' photos are stored as files first: gone if the chunk fails.
            with cleanup_files_on_error():
                results = articles_create_bulk(
                    [item for _index, _file, item in new],
                    user=user,
                    publish=publish,
                    default_source=source,
                    sources=_sources,
                )
        except DatabaseError:
            # Something in the chunk cannot be stored: each file on its own, so that
            # only the faulty one fails.
            _sources = None
            one_by_one += [(i, file, item.piece) for i, file, item in new]
        else:
            for (index, _file, _item), result in zip(new, results, strict=True):
                reports[index] = _report(result)
    for index, file, piece in sorted(one_by_one, key=lambda entry: entry[0]):
        reports[index] = import_one(
            file, piece, user=user, publish=publish, default_source=source
        )
    return reports


def _new_pieces(parsed):
    """Split ``(index, file, piece)`` entries into the pieces no earlier import
    knows, as ``(index, file, NewPiece)``, and the others (one query)."""
    digests = [piece_hash(piece) for _index, _file, piece in parsed]
    names = [
        (file.name[-FILENAME_MAX_LENGTH:], piece.headline) for _i, file, piece in parsed
    ]
    # An agency's guid as a one-element tuple, never equal to a digest or a name.
    guids = [(piece.external_id,) for _i, _file, piece in parsed]
    known = set()
    for article in earlier_imports(digests, names, [guid for (guid,) in guids]).only(
        "import_hash", "import_filename", "headline", "external_id"
    ):
        known |= {article.import_hash, (article.import_filename, article.headline)}
        known.add((article.external_id,))
    new, others = [], []
    for entry, digest, name, guid in zip(parsed, digests, names, guids, strict=True):
        if digest in known or name in known or (guid[0] and guid in known):
            others.append(entry)
            continue
        # A second copy (or version) in the chunk goes one by one.
        known |= {digest, name, guid}
        index, file, piece = entry
        new.append((index, file, NewPiece(file.name, piece, digest, file.photos)))
    return new, others


def import_one(
    file: ImportFile, piece: ParsedPiece, *, user, publish: bool, default_source
) -> FileReport:
    """Import one parsed piece (from ``file``, with its photos) in its own transaction
    and report on it. A clash with another worker storing the same piece or the same
    new source at the same moment is retried once, and then finds their rows."""
    global _sources
    filename = file.name
    for attempt in (1, 2):
        if _sources is None:
            _sources = SourceIndex.everything()
        try:
            with cleanup_files_on_error():
                result = article_import_piece(
                    piece,
                    filename=filename,
                    user=user,
                    publish=publish,
                    default_source=default_source,
                    sources=_sources,
                    photos=file.photos,
                )
            break
        except IntegrityError as error:
            # Another worker stored the same piece or source first, or an editor
            # merged a source away: read the sources afresh and try once more.
            _sources = None
            if attempt == 2:
                return _not_stored(filename, error)
        except DatabaseError as error:  # e.g. a value too long for its column
            _sources = None
            return _not_stored(filename, error)
    return _report(result)


def _report(result: ImportResult) -> FileReport:
    article = result.article
    return FileReport(
        result.filename,
        result.status,
        article.pk if article else None,
        article.headline if article else "",
        result.message,
        tuple(s.name for s in result.new_sources),
        tuple(w.message for w in result.piece.warnings) if result.piece else (),
        photo_warnings=tuple(result.warnings),
    )


def _not_stored(filename: str, error: DatabaseError) -> FileReport:
    return FileReport(
        filename, ImportStatus.FAILED, message=not_stored_message(filename, error)
    )


def import_many(
    files: Iterable[ImportFile],
    *,
    jobs: int = 1,
    chunk_size: int | None = None,
    **options,
) -> Iterator[FileReport]:
    """Yield a report per file, in order, importing ``chunk_size`` files at a time
    (default ``CHUNK_SIZE``)
    with ``jobs`` worker processes (1: in this process). ``options`` are those of
    :func:`import_chunk`."""
    global _sources
    work = partial(import_chunk, **options)
    _sources = None  # known sources are read afresh for every run
    chunk_size = chunk_size or CHUNK_SIZE
    chunks = (list(chunk) for chunk in itertools.batched(files, chunk_size))
    if jobs <= 1:
        try:
            for chunk in chunks:
                yield from work(chunk)
        finally:
            _sources = None
        return
    _close_connections()  # children must not share this process's connections
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_close_connections) as pool:
        # A few chunks at a time: the pool would otherwise read every file of a
        # large archive into memory before the first is imported.
        for group in itertools.batched(chunks, 2 * jobs):
            for reports in pool.imap(work, group):
                yield from reports


def _forget_queries() -> None:
    """With DEBUG on, Django keeps the last 9,000 queries of each connection, with
    their values: an import's bulk inserts would hold hundreds of megabytes. Forget
    them, unless someone is counting them (``assertNumQueries``)."""
    for connection in connections.all(initialized_only=True):
        if not connection.force_debug_cursor:
            connection.queries_log.clear()


def _close_connections():
    global _sources
    _sources = None
    for connection in connections.all(initialized_only=True):
        connection.close()
        if hasattr(connection, "close_pool"):
            connection.close_pool()
