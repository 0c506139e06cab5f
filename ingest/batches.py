"""Big desk uploads imported in the background, a file at a time, by a worker.

The desk stages what it parsed (``ingest.staging``) and, above a size, creates an
:class:`~ingest.models.ImportBatch` and enqueues ``ingest.tasks.import_batch`` once the
transaction commits. The worker imports each file in its own transaction together with
the batch's progress, so each file is imported once however often the task runs: a
worker that stops (a deploy, a crash) loses nothing, and :func:`batch_resume` (the
desk's "resume" button) enqueues the rest.
"""

import logging
from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ingest import staging
from ingest.models import ImportBatch
from ingest.services import ImportResult
from ingest.signals import files_imported

logger = logging.getLogger("newsroom")

#: A running batch whose worker has finished no file for this long has stopped.
STALLED_AFTER = timedelta(minutes=5)


class StagedFilesMissing(RuntimeError):
    """The worker cannot read the batch's files from the staging storage."""


def batch_create(*, token: str, total: int, user, publish: bool, default_source):
    """Record a batch of ``total`` staged files under ``token`` and enqueue it once
    the transaction commits; return it."""
    batch = ImportBatch.objects.create(
        token=token,
        total=total,
        created_by=user,
        publish=publish,
        default_source=default_source,
    )
    staging.keep(token)
    transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _enqueue(batch_id: int) -> None:
    from ingest.tasks import import_batch  # the task module imports this one

    import_batch.enqueue(batch_id)


def batch_run(batch_id: int, import_file) -> ImportBatch:
    """Import the files of batch ``batch_id`` not imported yet, in order, with
    ``import_file(name, data, photos=, user=, publish=, default_source=)``;
    return the batch. Each file and the batch's progress are stored together.
    StagedFilesMissing (with the batch's ``problem`` said) when the staged files
    cannot be read: they are kept, and the batch can be resumed once they can."""
    batch = ImportBatch.objects.get(pk=batch_id)
    files = staging.staged(batch.token)
    if batch.status != ImportBatch.Status.DONE and (
        files is None or len(files) < batch.total
    ):
        problem = _(
            "The worker cannot read the uploaded files from the import staging "
            "area: nothing more was imported. Check that every worker sees the same "
            "staging storage (NEWSROOM_IMPORT_STAGING_DIR, or the shared storage), "
            "then resume; the files are kept."
        )
        # Not onto a batch another worker has just finished (and unstaged).
        if (
            ImportBatch.objects.filter(pk=batch_id)
            .exclude(status=ImportBatch.Status.DONE)
            .update(problem=problem)
        ):
            logger.error("Import batch %s: its staged files cannot be read", batch_id)
            raise StagedFilesMissing(problem)
        return ImportBatch.objects.get(pk=batch_id)
    if batch.problem:  # the files can be read again
        ImportBatch.objects.filter(pk=batch_id).update(problem="")
    finished_now = False
    while batch.status != ImportBatch.Status.DONE:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
            if batch.done >= batch.total:
                batch.status = ImportBatch.Status.DONE
                batch.finished_at = timezone.now()
                batch.save(update_fields=["status", "finished_at"])
                finished_now = True
                break
            name, data, photos = files[batch.done]
            result = import_file(
                name,
                data,
                photos=photos,
                user=batch.created_by,
                publish=batch.publish,
                default_source=batch.default_source,
            )
            batch.report.append(report_entry(result))
            batch.done += 1
            batch.status = ImportBatch.Status.RUNNING
            batch.heartbeat_at = timezone.now()
            batch.save(update_fields=["report", "done", "status", "heartbeat_at"])
    staging.unstage(batch.token)
    if finished_now:
        files_imported.send(
            sender=ImportBatch,
            user=batch.created_by,
            counts=Counter(entry["status"] for entry in batch.report),
            where=_("background import %(id)s") % {"id": batch.pk},
        )
    return batch


def report_entry(result: ImportResult) -> dict:
    """What the desk shows of one file's import, as JSON."""
    article = result.article
    return {
        "filename": result.filename,
        "status": str(result.status),
        "message": str(result.message),
        "article": {"pk": article.pk, "headline": article.headline}
        if article
        else None,
        "new_sources": [{"pk": s.pk, "name": s.name} for s in result.new_sources],
        "warnings": [str(warning) for warning in result.warnings],
    }


def is_stalled(batch: ImportBatch, now=None) -> bool:
    """Whether the batch waits for a worker that is not coming: running with no file
    finished for ``STALLED_AFTER``, or queued that long, or stopped by a problem."""
    if batch.status == ImportBatch.Status.DONE:
        return False
    if batch.problem:
        return True
    since = batch.heartbeat_at or batch.created_at
    return (now or timezone.now()) - since > STALLED_AFTER


def batch_resume(batch: ImportBatch) -> None:
    """Enqueue a stalled batch again: the worker goes on from the files not done."""
    ImportBatch.objects.filter(pk=batch.pk).update(
        heartbeat_at=timezone.now(), problem=""
    )
    transaction.on_commit(lambda: _enqueue(batch.pk))
