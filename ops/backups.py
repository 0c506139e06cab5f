"""Backups that restore: the database and the uploaded files in one dated archive.

An archive is a tar file (uncompressed: photos do not shrink, and PostgreSQL's custom
format is compressed already) holding

- ``database.pgdump`` (``pg_dump --format=custom``: one consistent snapshot, with the
  search triggers, functions and extensions) or ``database.sqlite3`` (SQLite's online
  backup API: a consistent copy while the site keeps writing);
- ``media/<name>``: every file in the default storage (the photos and thumbnails);
- ``manifest.json``, last: the format, the time, the database engine, the migrations
  applied, and the size and SHA-256 of every other member.

A restore checks every member against the manifest, the engine and that the target
database is empty before it writes anything.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "newsroom-backup/1"
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
NAME_PREFIX = "newsroom-"
NAME_SUFFIX = ".tar"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Why a backup or a restore cannot go on; nothing was written by the restore."""


@dataclass
class Manifest:
    engine: str
    created: str
    members: dict[str, dict] = field(default_factory=dict)
    migrations: dict[str, str] = field(default_factory=dict)
    django: str = django.get_version()

    @property
    def media(self) -> list[str]:
        return [name for name in self.members if name.startswith(MEDIA_PREFIX)]

    def as_json(self) -> bytes:
        return json.dumps(
            {
                "format": FORMAT,
                "engine": self.engine,
                "created": self.created,
                "django": self.django,
                "migrations": self.migrations,
                "members": self.members,
            },
            indent=1,
            ensure_ascii=False,
        ).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        try:
            raw = json.loads(data)
        except ValueError:
            raise BackupError("the archive's manifest is not JSON") from None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise BackupError(f"not a Newsroom backup (expected format {FORMAT})")
        try:
            return cls(
                engine=raw["engine"],
                created=raw["created"],
                members={
                    str(name): {"size": int(m["size"]), "sha256": str(m["sha256"])}
                    for name, m in raw["members"].items()
                },
                migrations=raw.get("migrations", {}),
                django=raw.get("django", ""),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BackupError("the archive's manifest is incomplete") from None


# Writing ----------------------------------------------------------------------------


def archive_name(when: datetime) -> str:
    """The archive's file name for a backup taken at ``when``: sorts by date."""
    return f"{NAME_PREFIX}{when.astimezone(UTC):%Y%m%dT%H%M%SZ}{NAME_SUFFIX}"


def engine_of(connection) -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"cannot back up a {connection.vendor} database")
    return connection.vendor


def media_names(storage=default_storage, folder: str = "") -> list[str]:
    """Every file name in ``storage``, sorted; none when its folder does not exist."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += media_names(storage, f"{folder}{sub}/")
    return sorted(names)


def applied_migrations(connection) -> dict[str, str]:
    """The newest migration applied for each app, as recorded in the database."""
    latest = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        latest[app] = max(latest.get(app, name), name)
    return latest


def backup_write(
    folder: Path, *, using: str = "default", storage=default_storage, now=None
) -> tuple[Path, Manifest]:
    """Write the database and every media file to a new archive in ``folder``
    (readable by its owner only) and return its path and manifest. The archive
    appears under its final name only once complete."""
    connection = connections[using]
    engine = engine_of(connection)
    now = now or datetime.now(UTC)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / archive_name(now)
    if target.exists():
        raise BackupError(f"{target} exists already")
    manifest = Manifest(
        engine=engine,
        created=now.astimezone(UTC).isoformat(),
        migrations=applied_migrations(connection),
    )
    partial = folder / f".{target.name}.partial"
    with tempfile.TemporaryDirectory(dir=folder, prefix=".backup-") as scratch:
        dump = Path(scratch) / DATABASE_MEMBERS[engine]
        (pg_dump if engine == "postgresql" else sqlite_dump)(connection, dump)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw:
                with tarfile.open(
                    fileobj=raw, mode="w", format=tarfile.PAX_FORMAT
                ) as archive:
                    with dump.open("rb") as handle:
                        size = dump.stat().st_size
                        _add(archive, manifest, dump.name, handle, size)
                    for name in media_names(storage):
                        with storage.open(name, "rb") as handle:
                            member = MEDIA_PREFIX + name
                            _add(archive, manifest, member, handle, storage.size(name))
                    data = manifest.as_json()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mode = len(data), 0o600
                    info.mtime = now.timestamp()
                    archive.addfile(info, io.BytesIO(data))
                # On disk, end blocks included, before it takes its final name.
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target, manifest


def _add(archive, manifest, name, handle, size):
    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o600
    info.mtime = datetime.now(UTC).timestamp()
    reader = _HashingReader(handle)
    archive.addfile(info, reader)
    manifest.members[name] = {"size": size, "sha256": reader.digest.hexdigest()}


class _HashingReader:
    """A file wrapper that hashes what is read through it."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def sqlite_dump(connection, path: Path) -> None:
    """A consistent copy of the SQLite database, taken with its online backup API."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def _pg_command(program: str, connection, parameters: list[str]):
    """``program`` with the connection's host, port and user, and its password and
    TLS options in the environment (never on the command line)."""
    settings_dict = connection.settings_dict
    _, extra_env = connection.client.settings_to_cmd_args_env(settings_dict, [])
    args = [program]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args.append(f"{flag}={settings_dict[key]}")
    env = {**os.environ, **(extra_env or {})}
    return [*args, *parameters], env


def _run(command, env, what):
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (apt-get install postgresql-client)"
        )
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()}")


def pg_dump(connection, path: Path) -> None:
    """The PostgreSQL database in pg_dump's custom format (one snapshot)."""
    name = connection.settings_dict["NAME"]
    command, env = _pg_command(
        "pg_dump",
        connection,
        ["--format=custom", f"--file={path}", f"--dbname={name}"],
    )
    _run(command, env, "pg_dump")


# Reading and restoring --------------------------------------------------------------


def archive_read(path: Path) -> Manifest:
    """The archive's manifest, once every member it lists was found with its size
    and checksum and every media name is a plain relative path."""
    try:
        with tarfile.open(path, mode="r:") as archive:
            return _checked_manifest(archive)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"cannot read {path}: {error}") from None


def _checked_manifest(archive) -> Manifest:
    try:
        manifest = Manifest.from_json(archive.extractfile(MANIFEST).read())
    except KeyError:
        raise BackupError(f"the archive has no {MANIFEST}") from None
    if manifest.engine not in DATABASE_MEMBERS:
        raise BackupError(f"unknown database engine {manifest.engine!r}")
    if DATABASE_MEMBERS[manifest.engine] not in manifest.members:
        raise BackupError("the archive holds no database")
    for name, expected in manifest.members.items():
        if name.startswith(MEDIA_PREFIX):
            media_name(name)
        try:
            member = archive.getmember(name)
        except KeyError:
            raise BackupError(f"{name} is missing from the archive") from None
        if not member.isfile() or member.size != expected["size"]:
            raise BackupError(f"{name} is damaged (size)")
        digest = hashlib.sha256()
        with archive.extractfile(member) as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != expected["sha256"]:
            raise BackupError(f"{name} is damaged (checksum)")
    return manifest


def media_name(member: str) -> str:
    """The storage name of a media member; refuses absolute paths and '..'."""
    name = member.removeprefix(MEDIA_PREFIX)
    parts = PurePosixPath(name).parts
    if not name or name.startswith("/") or ".." in parts or "\\" in name:
        raise BackupError(f"refusing the unsafe file name {member!r}")
    return name


def database_tables(connection) -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor, include_views=True)


def media_conflicts(manifest: Manifest, storage) -> list[str]:
    """Media files the archive holds that the storage has already, different."""
    return [
        name
        for member in manifest.media
        if storage.exists(name := media_name(member))
        and _storage_sha256(storage, name) != manifest.members[member]["sha256"]
    ]


def _storage_sha256(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def restore_check(
    path: Path, *, using: str = "default", storage=default_storage
) -> Manifest:
    """The archive's manifest, once the archive is whole, holds a database of the
    target's engine, the target database is empty and no media file of the archive
    exists with other content. Writes nothing."""
    manifest = archive_read(path)
    connection = connections[using]
    if manifest.engine != engine_of(connection):
        raise BackupError(
            f"the archive holds a {manifest.engine} database; the target is "
            f"{connection.vendor}"
        )
    if tables := database_tables(connection):
        raise BackupError(
            f"the target database is not empty ({len(tables)} tables): restore into "
            "a new, empty database"
        )
    if conflicts := media_conflicts(manifest, storage):
        raise BackupError(
            f"{len(conflicts)} media files exist already with other content, e.g. "
            f"{conflicts[0]}: restore into an empty media folder"
        )
    return manifest


def restore(path: Path, *, using: str = "default", storage=default_storage) -> Manifest:
    """Restore the archive's database into the empty database ``using`` and its
    files into ``storage``; return the manifest. Nothing is written unless every
    check of :func:`restore_check` passes."""
    manifest = restore_check(path, using=using, storage=storage)
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("cannot restore inside a transaction")
    with (
        tempfile.TemporaryDirectory(prefix="newsroom-restore-") as scratch,
        tarfile.open(path, mode="r:") as archive,
    ):
        dump = Path(scratch) / DATABASE_MEMBERS[manifest.engine]
        with archive.extractfile(dump.name) as source, dump.open("wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
        if manifest.engine == "postgresql":
            pg_restore(connection, dump)
        else:
            sqlite_restore(connection, dump)
        for member in manifest.media:
            name = media_name(member)
            if storage.exists(name):
                continue  # the same content: restore_check refused any other
            with archive.extractfile(member) as handle:
                try:
                    saved = storage.save(name, File(handle, name=name))
                except SuspiciousFileOperation as error:
                    raise BackupError(f"refusing {member!r}: {error}") from None
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}")
    return manifest


def sqlite_restore(connection, path: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def pg_restore(connection, path: Path) -> None:
    """Load a custom-format dump into the connection's database, in one transaction;
    the objects belong to the connecting role, whatever owned them before."""
    command, env = _pg_command(
        "pg_restore",
        connection,
        [
            "--exit-on-error",
            "--single-transaction",
            "--no-owner",
            "--no-privileges",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        ],
    )
    _run(command, env, "pg_restore")


# Keeping a few ----------------------------------------------------------------------


def archives_in(folder: Path) -> list[Path]:
    """The archives in ``folder``, oldest first."""
    return sorted(
        path for path in folder.glob(f"{NAME_PREFIX}*{NAME_SUFFIX}") if path.is_file()
    )


def archives_prune(
    folder: Path, *, keep: int, dry_run: bool = False, adding: int = 0
) -> list[Path]:
    """Delete all but the ``keep`` newest archives in ``folder``; return the ones
    deleted (or, with ``dry_run``, that would be, once ``adding`` more are written)."""
    existing = archives_in(folder)
    old = existing[: max(0, len(existing) + adding - keep)] if keep > 0 else []
    if not dry_run:
        for path in old:
            path.unlink()
    return old
