"""Big desk uploads imported in the background (ingest.batches, ingest.tasks): queued
at confirmation, run by the task worker a file at a time, never lost when the worker
stops, their progress and report in the desk."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from articles.tests.html import elements
from ingest import batches, staging
from ingest.models import ImportBatch
from ingest.tests.test_admin import URL, txt, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(client, desk_sources, settings):
    from articles.tests.factories import chief as make_chief

    settings.NEWSROOM_IMPORT_INLINE_FILES = 2
    client.user = make_chief("chief")
    client.force_login(client.user)
    return client


def three_files(seed_bytes):
    return [
        txt(f"{n}.txt", seed_bytes.replace("مجددا".encode(), f"مجددا {n}".encode(), 1))
        for n in range(3)
    ]


def confirm_in_background(chief, seed_bytes, django_capture_on_commit_callbacks):
    preview = upload(chief, *three_files(seed_bytes))
    with django_capture_on_commit_callbacks(execute=True):
        response = chief.post(URL, {"confirm": "1", "token": preview.context["token"]})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{URL}batches/{batch.pk}/"
    return batch


# The worker opens its own connections: the rows must be committed.
@pytest.mark.django_db(transaction=True)
def test_a_big_upload_is_queued_and_the_worker_imports_it(
    chief, seed_bytes, django_capture_on_commit_callbacks
):
    batch = confirm_in_background(chief, seed_bytes, django_capture_on_commit_callbacks)
    assert not Article.objects.exists()  # nothing imported in the request
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "ingest.tasks.import_batch"
    page = chief.get(f"{URL}batches/{batch.pk}/")
    assert "0 من 3" in page.content.decode() or "0 of 3" in page.content.decode()
    assert elements(page, "meta", http_equiv="refresh", content="3")

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    batch.refresh_from_db()
    assert (batch.status, batch.done) == ("done", 3)
    assert Article.objects.count() == 3
    assert [entry["status"] for entry in batch.report] == ["created"] * 3
    page = chief.get(f"{URL}batches/{batch.pk}/").content.decode()
    assert "refresh" not in page
    assert page.count("أُنشئ") == 3  # each file's result, worded for an import
    for article in Article.objects.all():
        assert f"/admin/articles/article/{article.pk}/change/" in page
    assert staging.staged(batch.token) is None  # the staged files are gone


# The worker opens its own connections: the rows must be committed.
@pytest.mark.django_db(transaction=True)
def test_a_worker_that_stops_loses_nothing_and_the_import_resumes(
    chief, seed_bytes, django_capture_on_commit_callbacks
):
    batch = confirm_in_background(chief, seed_bytes, django_capture_on_commit_callbacks)
    from ingest.services import import_staged

    def worker_killed_after_one(name, data, **options):
        if Article.objects.exists():
            raise SystemExit("the worker is stopped")
        return import_staged(name, data, **options)

    with pytest.raises(SystemExit):
        batches.batch_run(batch.pk, worker_killed_after_one)
    batch.refresh_from_db()
    assert (batch.status, batch.done) == ("running", 1)
    # Days later the staged files are still there, kept for the batch.
    staging.sweep(now=timezone.now().timestamp() + 3 * 24 * 3600)
    assert len(staging.staged(batch.token)) == 3

    page = chief.get(f"{URL}batches/{batch.pk}/").content.decode()
    assert not elements(page, name="resume")  # not stalled yet: the worker may be busy
    ImportBatch.objects.filter(pk=batch.pk).update(
        heartbeat_at=timezone.now() - timedelta(minutes=10)
    )
    page = chief.get(f"{URL}batches/{batch.pk}/").content.decode()
    assert elements(page, name="resume")
    with django_capture_on_commit_callbacks(execute=True):
        chief.post(f"{URL}batches/{batch.pk}/", {"resume": "1"})
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch.refresh_from_db()
    assert (batch.status, batch.done) == ("done", 3)
    assert Article.objects.count() == 3  # each file once


def test_small_uploads_are_imported_at_once(chief, seed_bytes):
    preview = upload(chief, *three_files(seed_bytes)[:2])
    response = chief.post(URL, {"confirm": "1", "token": preview.context["token"]})
    assert response.status_code == 200
    assert Article.objects.count() == 2 and not ImportBatch.objects.exists()


def test_only_its_uploader_or_a_chief_sees_a_batch(
    client, chief, seed_bytes, django_capture_on_commit_callbacks
):
    from articles.tests.factories import editor, reporter

    batch = confirm_in_background(chief, seed_bytes, django_capture_on_commit_callbacks)
    client.force_login(reporter("someone"))
    assert client.get(f"{URL}batches/{batch.pk}/").status_code == 403
    client.force_login(editor("editor"))
    assert client.get(f"{URL}batches/{batch.pk}/").status_code == 200


# The worker opens its own connections: the rows must be committed.
@pytest.mark.django_db(transaction=True)
def test_a_file_the_database_refuses_fails_alone_and_the_batch_goes_on(
    chief, seed_bytes, django_capture_on_commit_callbacks, monkeypatch
):
    from django.db import connection

    from ingest import services

    batch = confirm_in_background(chief, seed_bytes, django_capture_on_commit_callbacks)
    real_import = services.article_import_piece

    def refused_for_the_second_file(piece, *, filename, **options):
        result = real_import(piece, filename=filename, **options)
        if filename == "1.txt":  # the database refuses a statement of this file
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO no_such_table VALUES (1)")
        return result

    monkeypatch.setattr(services, "article_import_piece", refused_for_the_second_file)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch.refresh_from_db()
    assert (batch.status, batch.done) == ("done", 3)
    assert [entry["status"] for entry in batch.report] == [
        "created",
        "failed",
        "created",
    ]
    assert batch.report[1]["message"].startswith("1.txt: تعذّر الحفظ (")
    # Nothing of the refused file is left behind.
    assert sorted(Article.objects.values_list("import_filename", flat=True)) == [
        "0.txt",
        "2.txt",
    ]


# The worker opens its own connections: the rows must be committed.
@pytest.mark.django_db(transaction=True)
def test_a_worker_that_cannot_read_the_staged_files_says_so_and_keeps_them(
    chief, seed_bytes, django_capture_on_commit_callbacks, settings, tmp_path
):
    batch = confirm_in_background(chief, seed_bytes, django_capture_on_commit_callbacks)
    staged_here = settings.STORAGES["import_staging"]
    # A worker on another host, not told where the uploads are staged.
    settings.STORAGES = {
        **settings.STORAGES,
        "import_staging": {
            **staged_here,
            "OPTIONS": {**staged_here["OPTIONS"], "location": str(tmp_path / "other")},
        },
    }
    from ingest.services import import_staged

    with pytest.raises(batches.StagedFilesMissing):
        batches.batch_run(batch.pk, import_staged)
    batch.refresh_from_db()
    assert batch.status != "done" and batch.done == 0 and batch.problem
    page = chief.get(f"{URL}batches/{batch.pk}/").content.decode()
    (note,) = elements(page, "p", **{"class": "errornote"})
    assert "NEWSROOM_IMPORT_STAGING_DIR" in note.text
    assert elements(page, name="resume")  # at once, not after minutes

    settings.STORAGES = {**settings.STORAGES, "import_staging": staged_here}
    assert len(staging.staged(batch.token)) == 3  # kept
    with django_capture_on_commit_callbacks(execute=True):
        chief.post(f"{URL}batches/{batch.pk}/", {"resume": "1"})
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.problem) == ("done", 3, "")
    assert Article.objects.count() == 3


def test_a_clash_with_another_upload_is_tried_once_more(chief, seed_bytes, monkeypatch):
    """Two uploads storing the same new source at the same moment: the second
    meets the database's refusal once, then finds the other's row."""
    from articles.models import Source
    from ingest import services

    real_import = services.article_import_piece
    clashes = []

    def clash_once(piece, **options):
        if not clashes:
            clashes.append(1)
            taken = Source.objects.first()
            Source.objects.create(name=taken.name + " ", slug=taken.slug)  # unique
        return real_import(piece, **options)

    monkeypatch.setattr(services, "article_import_piece", clash_once)
    preview = upload(chief, *three_files(seed_bytes)[:1])
    response = chief.post(URL, {"confirm": "1", "token": preview.context["token"]})
    assert response.status_code == 200
    assert clashes and Article.objects.count() == 1


def test_a_problem_clears_once_a_worker_reads_the_files_again(
    chief, seed_bytes, django_capture_on_commit_callbacks
):
    from ingest.services import import_staged

    batch = confirm_in_background(chief, seed_bytes, django_capture_on_commit_callbacks)
    ImportBatch.objects.filter(pk=batch.pk).update(problem="the files were missing")
    batches.batch_run(batch.pk, import_staged)
    batch.refresh_from_db()
    assert (batch.status, batch.problem) == ("done", "")
