"""New pieces stored a chunk at a time (ingest.bulk, ingest.jobs): the same articles,
revisions and reports as one file at a time, in a number of queries that does not
grow with the chunk, and all or nothing per file when something in a chunk fails."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleTransition, Caption, Revision, Source
from articles.services.revisions import snapshot
from articles.tests import factories
from ingest.files import ImportFile
from ingest.jobs import import_many
from ingest.services import article_import
from search.engine import search_queryset

pytestmark = pytest.mark.django_db


def variants(seed_bytes, count, *, credit=None):
    """``count`` distinct seed-format files (a number in the headline)."""
    files = []
    for n in range(count):
        data = seed_bytes.replace("مجددا".encode(), f"مجددا {n}".encode(), 1)
        if credit:
            data = data.replace("(رويترز)".encode(), f"({credit})".encode())
        files.append(ImportFile(f"{n:03d}.txt", data))
    return files


def run(files, *, user=None, publish=False, **options):
    return list(
        import_many(
            files,
            user_id=user.pk if user else None,
            publish=publish,
            source_id=None,
            max_bytes=10**6,
            **options,
        )
    )


def test_a_chunk_is_stored_as_one_file_at_a_time_would_store_it(
    seed_bytes, desk_sources
):
    editor = factories.editor("editor")
    (one_file,) = variants(seed_bytes, 1)
    alone = article_import(
        one_file.data, filename="alone.txt", user=editor, publish=True
    ).article
    Article.objects.filter(pk=alone.pk).update(import_hash="", import_filename="")

    reports = run(variants(seed_bytes, 3), user=editor, publish=True)
    assert [r.status for r in reports] == ["created"] * 3
    bulk = Article.objects.get(pk=reports[0].article_id)

    for field in ("headline", "slug", "body", "body_html", "summary", "status"):
        assert getattr(bulk, field) == getattr(alone, field), field
    assert (bulk.version, bulk.imported_version) == (alone.version, 1)
    assert bulk.published_at == bulk.transitions.get().published_at
    assert list(bulk.sources.values_list("name", flat=True)) == list(
        alone.sources.values_list("name", flat=True)
    )
    assert [
        (c.position, c.text, c.credit_id, c.search_key) for c in bulk.captions.all()
    ] == [(c.position, c.text, c.credit_id, c.search_key) for c in alone.captions.all()]
    assert [
        (r.version, r.reason.split(":")[0], r.status) for r in bulk.revisions.all()
    ] == [(r.version, r.reason.split(":")[0], r.status) for r in alone.revisions.all()]
    (transition,) = ArticleTransition.objects.filter(article=bulk)
    assert (transition.action, transition.by) == ("publish", editor)
    # The revisions name the stored figures: a restore can find them.
    first = snapshot(bulk.revisions.last())
    assert {f.caption_id for f in first.figures.values()} == set(
        bulk.captions.values_list("pk", flat=True)
    )
    # The index triggers saw the rows.
    assert bulk in search_queryset(Article.objects.all(), "مجددا 0")


def test_queries_do_not_grow_with_the_chunk(seed_bytes, desk_sources):
    editor = factories.editor("editor")

    def queries(files):
        with CaptureQueriesContext(connection) as captured:
            assert {r.status for r in run(files, user=editor, publish=True)} == {
                "created"
            }
        return len(captured)

    few = queries(variants(seed_bytes, 40)[:3])
    many = queries(variants(seed_bytes, 40)[3:])
    assert many == few


def test_pieces_already_imported_and_repeated_in_a_chunk_are_recognised(
    seed_bytes, desk_sources
):
    files = variants(seed_bytes, 3)
    run(files[:1])
    reports = run([*files, ImportFile("copy.txt", files[1].data)])
    assert [r.status for r in reports] == [
        "unchanged",
        "created",
        "created",
        "unchanged",
    ]
    assert Article.objects.count() == 3


def test_a_chunk_that_cannot_be_stored_falls_back_to_one_file_at_a_time(
    seed_bytes, desk_sources, monkeypatch
):
    """Whatever fails in a chunk, no file is half-written and only the faulty file
    fails: the chunk is rolled back and its files are imported one by one."""
    files = variants(seed_bytes, 4, credit="وكالة لم تعرف")
    bad = files[2].data.replace("مجددا 2".encode(), "عنوان سيء".encode())
    files[2] = ImportFile("002.txt", bad)
    queryset = type(Caption.objects.all())
    original = queryset.bulk_create

    def refuse_bad(self, objs, *args, **kwargs):
        objs = list(objs)
        if any("عنوان سيء" in c.article.headline for c in objs):
            raise DatabaseError("value too long for type character varying(50)")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(queryset, "bulk_create", refuse_bad)
    reports = run(files)
    assert [r.status for r in reports] == ["created", "created", "failed", "created"]
    assert reports[2].message.startswith("002.txt: ")
    assert "لم يُحفظ شيء" in reports[2].message  # nothing was saved
    assert Article.objects.count() == 3
    assert not Article.objects.filter(headline__contains="عنوان سيء").exists()
    assert Revision.objects.filter(reason__startswith="import:").count() == 3
    # The unknown credit became one unconfirmed source, reported by the file that
    # created it (the rolled-back chunk's source is gone).
    assert Source.objects.filter(name="وكالة لم تعرف").count() == 1
    assert sum(r.new_sources == ("وكالة لم تعرف",) for r in reports) == 1


@pytest.mark.postgres  # worker processes share no SQLite test database in memory
@pytest.mark.django_db(transaction=True)
def test_chunks_in_several_workers_race_for_the_same_new_source(seed_bytes):
    call_command("load_missing_fixtures", verbosity=0)
    files = variants(seed_bytes, 12, credit="وكالة سبوتنيك")
    files.append(ImportFile("copy.txt", files[0].data))
    reports = run(files, jobs=3, chunk_size=2)
    assert [r.status for r in reports] == ["created"] * 12 + ["unchanged"]
    assert Article.objects.count() == 12
    assert Source.objects.filter(name="وكالة سبوتنيك").count() == 1


def test_photos_stored_by_a_chunk_that_fails_are_removed(
    seed_bytes, desk_sources, monkeypatch, settings, tmp_path
):
    from ingest.files import BundlePhoto

    settings.MEDIA_ROOT = tmp_path
    files = [
        ImportFile(
            file.name,
            file.data,
            photos=(
                BundlePhoto(1, "p-1.jpg", factories.photo_bytes(color=(80 * n, 9, 9))),
            ),
        )
        for n, file in enumerate(variants(seed_bytes, 3))
    ]
    queryset = type(Caption.objects.all())
    original = queryset.bulk_create
    calls = []

    def fail_the_chunk(self, objs, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseError("the chunk fails")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(queryset, "bulk_create", fail_the_chunk)
    reports = run(files)
    assert [r.status for r in reports] == ["created"] * 3
    # One photo and its thumbnail per piece: none left over from the failed chunk.
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 6
    assert Caption.objects.filter(image__file="").count() == 3  # figure 2 of each


def test_with_debug_on_a_long_run_keeps_no_more_queries_than_one_chunk(
    seed_bytes, desk_sources, settings
):
    """Django logs every query when DEBUG is on; an archive's import must not keep
    them all (its memory would grow with the archive)."""
    settings.DEBUG = True
    files = variants(seed_bytes, 12)
    connection.queries_log.clear()
    run(files[:2], chunk_size=2)
    one_chunk = len(connection.queries)
    run(files[2:], chunk_size=2)
    assert 0 < len(connection.queries) <= one_chunk
