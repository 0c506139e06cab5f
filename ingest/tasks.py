"""The background tasks of imports (Django's tasks framework; the worker is
``manage.py db_worker`` from django-tasks-db, see the README)."""

from django.tasks import task

from ingest.batches import batch_run
from ingest.services import import_staged


@task
def import_batch(batch_id: int) -> int:
    """Import the rest of a desk upload; return how many of its files are done."""
    return batch_run(batch_id, import_staged).done
