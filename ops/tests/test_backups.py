"""Backups that restore: back up, wipe the database and the photos, restore, and find
every article, figure, photo file and revision again, on whichever database the suite
runs on (SQLite, or PostgreSQL when DATABASE_URL points at one)."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from articles.models import Article, Caption, Image
from articles.services import article_save
from articles.services.images import image_create
from articles.tests.factories import editor, make_article, make_caption, upload
from ops import backups
from search.engine import search_queryset

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def newsroom(media):
    """Two articles, one with two figures (each with its photo and thumbnail) and
    edited once more, so that each has revisions."""
    user = editor("amal")
    first = make_article(headline="الدوحة تستضيف مؤتمر المناخ")
    second = make_article(headline="افتتاح مستشفى جديد في غزة")
    for position, color in ((1, (200, 30, 30)), (2, (30, 30, 200))):
        photo = image_create(file=upload(color=color), by=user, alt_text="صورة")
        make_caption(first, position=position, image=photo, text="المشاركون في المؤتمر")
    first.standfirst = "وفود من أكثر من مئة دولة"
    article_save(first, by=user)
    return first, second


def database_rows():
    """Every row of every table the models know, in primary-key order."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows[model._meta.label] = list(model._base_manager.order_by("pk").values_list())
    return rows


def media_files(root: Path):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def wipe_database():
    """Leave the database as a new one is: no tables, views, triggers or functions."""
    connection = connections["default"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
            return
        cursor.execute("PRAGMA foreign_keys = OFF")
        # Virtual (FTS5) tables first: they drop their own shadow tables.
        for kind in ("virtual", "table", "view"):
            cursor.execute(
                "SELECT type, name, sql FROM sqlite_master "
                "WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
            )
            for object_type, name, sql in cursor.fetchall():
                is_virtual = (sql or "").upper().startswith("CREATE VIRTUAL")
                if (kind == "virtual") != is_virtual or (
                    kind != "virtual" and object_type != kind
                ):
                    continue
                cursor.execute(f'DROP {object_type.upper()} IF EXISTS "{name}"')
        cursor.execute("PRAGMA foreign_keys = ON")


def wipe_media(root: Path):
    for path in sorted(root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def archive_of(folder: Path) -> Path:
    (path,) = backups.archives_in(folder)
    return path


def test_backup_wipe_restore_finds_everything_again(newsroom, media, tmp_path):
    rows_before, files_before = database_rows(), media_files(media)
    assert Article.objects.count() == 2
    assert Caption.objects.count() == 2
    assert Image.objects.exclude(file="").count() == 2
    assert newsroom[0].revisions.count() >= 2
    assert len(files_before) >= 4  # two photos, two thumbnails

    call_command("backup", str(tmp_path / "backups"), verbosity=0)
    archive = archive_of(tmp_path / "backups")
    assert archive.stat().st_mode & 0o077 == 0  # the owner's only: password hashes
    wipe_database()
    wipe_media(media)
    assert backups.database_tables(connections["default"]) == []
    assert media_files(media) == {}

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert f"{len(files_before)} media files" in out.getvalue()
    assert database_rows() == rows_before
    assert media_files(media) == files_before
    for image in Image.objects.all():
        with image.file.open("rb") as handle:
            assert handle.read(2) == b"\xff\xd8"  # the JPEG itself, not a name
    # The search index and its triggers came back too, and new rows get new ids.
    assert list(search_queryset(Article.objects.all(), "المناخ")) == [newsroom[0]]
    third = make_article(headline="المناخ في الخليج")
    assert third.pk > newsroom[1].pk
    assert set(search_queryset(Article.objects.all(), "المناخ")) == {
        newsroom[0],
        third,
    }


def test_restore_refuses_a_database_that_is_not_empty(newsroom, tmp_path):
    call_command("backup", str(tmp_path), verbosity=0)
    newsroom[1].delete()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive_of(tmp_path)), verbosity=0)
    assert Article.objects.count() == 1


def test_a_damaged_archive_restores_nothing(newsroom, media, tmp_path):
    call_command("backup", str(tmp_path / "backups"), verbosity=0)
    archive = archive_of(tmp_path / "backups")
    data = bytearray(archive.read_bytes())
    jpeg = data.find(b"\xff\xd8\xff")
    data[jpeg + 100] ^= 0xFF  # one flipped byte inside a photo
    archive.write_bytes(bytes(data))
    wipe_database()
    wipe_media(media)

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(archive), verbosity=0)
    assert backups.database_tables(connections["default"]) == []
    assert media_files(media) == {}
    call_command("migrate", verbosity=0)  # for the flush that ends the test


def test_restore_refuses_a_media_name_outside_the_storage(tmp_path):
    archive = tmp_path / "evil.tar"
    members = {"database.sqlite3": b"", "media/../../etc/cron.d/x": b"* * * * *"}
    manifest = {
        "format": backups.FORMAT,
        "engine": "sqlite",
        "created": "2026-12-01T03:00:00+00:00",
        "members": {
            name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in members.items()
        },
    }
    members[backups.MANIFEST] = json.dumps(manifest).encode()
    with tarfile.open(archive, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

    with pytest.raises(CommandError, match="unsafe file name"):
        call_command("restore", str(archive), "--dry-run", verbosity=0)


def test_dry_runs_write_nothing(newsroom, media, tmp_path):
    out = io.StringIO()
    call_command("backup", str(tmp_path / "backups"), "--dry-run", stdout=out)
    assert "Would write the" in out.getvalue()
    assert not (tmp_path / "backups").exists()

    call_command("backup", str(tmp_path / "backups"), verbosity=0)
    wipe_database()
    wipe_media(media)
    call_command(
        "restore", str(archive_of(tmp_path / "backups")), "--dry-run", stdout=out
    )
    assert "Would restore" in out.getvalue()
    assert backups.database_tables(connections["default"]) == []
    assert media_files(media) == {}
    call_command("migrate", verbosity=0)


def test_keep_deletes_all_but_the_newest_archives(media, tmp_path):
    for day in ("20261101", "20261102", "20261103"):
        (tmp_path / f"newsroom-{day}T030000Z.tar").write_bytes(b"old")
    (tmp_path / "notes.txt").write_text("not an archive")

    out = io.StringIO()
    call_command("backup", str(tmp_path), "--keep", "2", "--dry-run", stdout=out)
    assert "Would delete 2 older archives." in out.getvalue()
    assert len(list(tmp_path.iterdir())) == 4
    call_command("backup", str(tmp_path), "--keep", "2", verbosity=0)

    names = sorted(path.name for path in tmp_path.iterdir())
    assert names[0] == "newsroom-20261103T030000Z.tar"
    assert names[1].startswith("newsroom-2026") and names[1] != names[0]
    assert names[2:] == ["notes.txt"]
