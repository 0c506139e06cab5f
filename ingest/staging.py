"""Uploads waiting between the admin's import preview and its confirmation.

What the preview parsed is kept on disk (NEWSROOM_IMPORT_STAGING_DIR, never served) as
JSON, one folder per preview named by a random token that only the editor's session
knows, so the confirmation imports exactly what was previewed, without parsing the
files again or carrying megabytes in the session. Folders left by previews nobody
confirmed are removed after a day.
"""

import contextlib
import json
import re
import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 60 * 60
#: A folder holding this file waits for a background import (see ``keep``).
KEEP_MARK = "queued"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _root() -> Path:
    return Path(settings.NEWSROOM_IMPORT_STAGING_DIR)


def _folder(token: str) -> Path:
    if not _TOKEN.match(token):
        raise ValueError("not a staging token")
    return _root() / token


def stage(items) -> str:
    """Keep ``items`` (``(name, data)`` pairs, ``data`` JSON-compatible) and return the
    token that finds them."""
    sweep()
    token = secrets.token_urlsafe(24)
    folder = _folder(token)
    folder.mkdir(parents=True, mode=0o700)
    names = []
    for number, (name, data) in enumerate(items):
        (folder / f"{number:05d}.json").write_text(
            json.dumps(data, ensure_ascii=False), encoding="utf-8"
        )
        names.append(name)
    (folder / "names.json").write_text(json.dumps(names), encoding="utf-8")
    return token


def staged(token: str) -> list[tuple[str, dict]] | None:
    """Return the items kept under ``token``, or None when there are none (expired,
    already imported)."""
    try:
        folder = _folder(token)
        names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
        return [
            (name, json.loads((folder / f"{number:05d}.json").read_text("utf-8")))
            for number, name in enumerate(names)
        ]
    except (ValueError, OSError):
        return None


def keep(token: str) -> None:
    """Keep the files under ``token`` past a day: a background import needs them until
    it is done (it unstages them then)."""
    with contextlib.suppress(ValueError, OSError):
        (_folder(token) / KEEP_MARK).touch()


def unstage(token: str) -> None:
    """Forget the files kept under ``token``."""
    with contextlib.suppress(ValueError):
        shutil.rmtree(_folder(token), ignore_errors=True)


def sweep(now: float | None = None) -> None:
    """Remove the folders of previews older than a day."""
    now = now or time.time()
    root = _root()
    if not root.is_dir():
        return
    for folder in root.iterdir():
        try:
            if (folder / KEEP_MARK).exists():
                continue
            if now - folder.stat().st_mtime > MAX_AGE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
