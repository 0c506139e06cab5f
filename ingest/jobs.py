"""Importing many files: one after another, or in several worker processes.

Each file is still imported whole or not at all, in its own transaction, by
``article_import``; workers only let a large archive use every core. Reports come back
in the order of the files.
"""

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.db import DatabaseError, IntegrityError, connections
from django.utils.translation import gettext as _

from articles.models import Source
from ingest.files import ImportFile
from ingest.services import ImportStatus, SourceIndex, article_import

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


def import_one(
    file: ImportFile,
    *,
    user_id: int | None,
    publish: bool,
    source_id: int | None,
    max_bytes: int,
) -> FileReport:
    """Import one file and report on it. A file that cannot be read is reported as
    failed (or skipped); a clash with another worker storing the same piece or the
    same new source at the same moment is retried once, and then finds their rows."""
    if file.data is None:
        status = ImportStatus.SKIPPED if file.skipped else ImportStatus.FAILED
        return FileReport(file.name, status, message=file.error, skipped=file.skipped)
    global _sources
    user = get_user_model().objects.get(pk=user_id) if user_id else None
    source = Source.objects.get(pk=source_id) if source_id else None
    for attempt in (1, 2):
        if _sources is None:
            _sources = SourceIndex.everything()
        try:
            result = article_import(
                file.data,
                filename=file.name,
                user=user,
                publish=publish,
                default_source=source,
                max_bytes=max_bytes,
                sources=_sources,
                known=_sources.known,
            )
            break
        except IntegrityError as error:
            # Another worker stored the same piece or source first, or an editor
            # merged a source away: read the sources afresh and try once more.
            _sources = None
            if attempt == 2:
                return _not_stored(file, error)
        except DatabaseError as error:  # e.g. a value too long for its column
            _sources = None
            return _not_stored(file, error)
    article = result.article
    return FileReport(
        file.name,
        result.status,
        article.pk if article else None,
        article.headline if article else "",
        result.message,
        tuple(s.name for s in result.new_sources),
        tuple(w.message for w in result.piece.warnings) if result.piece else (),
    )


def _not_stored(file: ImportFile, error: DatabaseError) -> FileReport:
    reason = (
        str(error).strip().splitlines()[0]
        if str(error).strip()
        else type(error).__name__
    )
    return FileReport(
        file.name,
        ImportStatus.FAILED,
        message=_("%(file)s: could not be stored (%(reason)s); nothing was saved.")
        % {"file": file.name, "reason": reason},
    )


def import_many(
    files: Iterable[ImportFile], *, jobs: int = 1, **options
) -> Iterator[FileReport]:
    """Yield a report per file, in order, importing with ``jobs`` worker processes
    (1: in this process). ``options`` are those of :func:`import_one`."""
    global _sources
    work = partial(import_one, **options)
    _sources = None  # known sources are read afresh for every run
    if jobs <= 1:
        try:
            yield from map(work, files)
        finally:
            _sources = None
        return
    _close_connections()  # children must not share this process's connections
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_close_connections) as pool:
        # A batch at a time: the pool would otherwise read every file of a large
        # archive into memory before the first is imported.
        for batch in itertools.batched(files, 64 * jobs):
            yield from pool.imap(work, batch, chunksize=4)


def _close_connections():
    global _sources
    _sources = None
    for connection in connections.all(initialized_only=True):
        connection.close()
        if hasattr(connection, "close_pool"):
            connection.close_pool()
