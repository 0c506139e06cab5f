"""Uploads waiting between the desk's import preview and its confirmation, or until a
background import is done.

What the preview parsed is kept as JSON (with the photos of each piece's bundle beside
it), one folder per preview named by a random token that only the editor's session
knows, so the confirmation imports exactly what was previewed without parsing the files
again or carrying megabytes in the session. The files go through Django's storage API
(``STORAGES["import_staging"]``): a folder on one host by default
(NEWSROOM_IMPORT_STAGING_DIR, never served), an S3-compatible bucket shared by every
app host and worker in production (see the README). Folders left by previews nobody
confirmed are removed after a day; those of background imports stay until done.
"""

import contextlib
import json
import re
import secrets
import time
from datetime import UTC, datetime

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from ingest.files import BundlePhoto

MAX_AGE_SECONDS = 24 * 60 * 60
#: A folder holding this file waits for a background import (see ``keep``).
KEEP_MARK = "queued"
NAMES = "names.json"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _storage():
    return storages["import_staging"]


def _folder(token: str) -> str:
    if not _TOKEN.match(token):
        raise ValueError("not a staging token")
    return token


def stage(items) -> str:
    """Keep ``items`` (``(name, data, photos)``: ``data`` JSON-compatible, ``photos``
    the piece's ``BundlePhoto``) and return the token that finds them."""
    sweep()
    storage = _storage()
    token = secrets.token_urlsafe(24)
    entries = []
    for number, (name, data, photos) in enumerate(items):
        _save(storage, f"{token}/{number:05d}.json", _json(data))
        kept = []
        for photo in photos:
            entry = {"number": photo.number, "name": photo.name, "error": photo.error}
            if photo.data is not None:
                entry["file"] = f"{token}/{number:05d}-photo-{photo.number}"
                _save(storage, entry["file"], photo.data)
            kept.append(entry)
        entries.append({"name": name, "photos": kept})
    _save(storage, f"{token}/{NAMES}", _json(entries))
    return token


def staged(token: str) -> list[tuple[str, dict, tuple[BundlePhoto, ...]]] | None:
    """Return the items kept under ``token`` as ``(name, data, photos)``, or None when
    there are none (expired, already imported)."""
    storage = _storage()
    try:
        folder = _folder(token)
        entries = json.loads(_read(storage, f"{folder}/{NAMES}"))
        return [
            (
                entry["name"],
                json.loads(_read(storage, f"{folder}/{number:05d}.json")),
                tuple(_photo(storage, photo) for photo in entry["photos"]),
            )
            for number, entry in enumerate(entries)
        ]
    except (ValueError, OSError, KeyError):
        return None


def keep(token: str) -> None:
    """Keep the files under ``token`` past a day: a background import needs them until
    it is done (it unstages them then)."""
    with contextlib.suppress(ValueError, OSError):
        _save(_storage(), f"{_folder(token)}/{KEEP_MARK}", b"")


def unstage(token: str) -> None:
    """Forget the files kept under ``token``."""
    with contextlib.suppress(ValueError, OSError):
        _delete_folder(_storage(), _folder(token))


def sweep(now: float | None = None) -> None:
    """Remove the folders of previews older than a day (not those a background import
    still needs)."""
    now = now or time.time()
    storage = _storage()
    try:
        folders, _files = storage.listdir("")
    except OSError:  # nothing staged yet
        return
    for folder in folders:
        with contextlib.suppress(OSError):
            if storage.exists(f"{folder}/{KEEP_MARK}"):
                continue
            written = storage.get_modified_time(f"{folder}/{NAMES}")
            if now - _timestamp(written) > MAX_AGE_SECONDS:
                _delete_folder(storage, folder)


def _photo(storage, entry: dict) -> BundlePhoto:
    data = _read(storage, entry["file"]) if "file" in entry else None
    return BundlePhoto(entry["number"], entry["name"], data, entry["error"])


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _save(storage, name: str, data: bytes) -> None:
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(data))
    if saved != name:  # the storage must keep the names it is given
        raise OSError(f"staging storage renamed {name} to {saved}")


def _read(storage, name: str) -> bytes:
    with storage.open(name, "rb") as handle:
        return handle.read()


def _delete_folder(storage, folder: str) -> None:
    subfolders, files = storage.listdir(folder)
    for name in files:
        storage.delete(f"{folder}/{name}")
    for sub in subfolders:
        _delete_folder(storage, f"{folder}/{sub}")
    with contextlib.suppress(OSError):
        storage.delete(folder)  # an empty directory on a file system


def _timestamp(moment: datetime) -> float:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
