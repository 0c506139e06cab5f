"""Collecting the files to import: plain files, folders (every *.txt inside, and the
*.json and *.xml files that are pieces: Newsroom exports and agency items) and zips.

Zip members are read in memory and never written to disk, so a member named
``../../etc/passwd`` can do no harm; its name is only shown in reports.
"""

import glob
import os
import re
import stat
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from ingest.importer.exported import looks_like_export
from ingest.importer.wire import looks_like_wire

#: Bytes read from a ``.json`` or ``.xml`` file to tell a piece (a Newsroom export, an
#: agency's item) from other data.
PIECE_PEEK = 4096
#: Endings of files that may hold a piece, told by their first bytes.
PEEKED = (".json", ".xml")


#: A photo beside a piece in a bundle: ``<stem>.txt`` with ``<stem>-1.jpg``, ``-2.png``…
PHOTO_RE = re.compile(
    r"^(?P<stem>.+)-(?P<number>[0-9]{1,3})\.(?:jpe?g|png|webp)$", re.I
)
#: The largest photo file read from a bundle (the desk's own limit is checked later).
PHOTO_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class BundlePhoto:
    """The photo for figure ``number`` of a piece, by its file name: ``data`` is its
    bytes, or None with ``error`` saying why it could not be read."""

    number: int
    name: str
    data: bytes | None
    error: str = ""


@dataclass(frozen=True)
class ImportFile:
    """One file to import: ``data`` is its bytes, or None when it cannot be imported,
    with ``error`` saying why (``skipped`` marks files that are simply not pieces).
    ``photos`` are the photos that came beside it in its folder or zip."""

    name: str
    data: bytes | None
    error: str = ""
    skipped: bool = False
    photos: tuple[BundlePhoto, ...] = ()


def too_large(name: str, size: int, max_bytes: int) -> ImportFile:
    return ImportFile(
        name,
        None,
        _("%(file)s: the file is %(size)s bytes, over the limit of %(limit)s bytes.")
        % {"file": name, "size": f"{size:,}", "limit": f"{max_bytes:,}"},
    )


def files_from_paths(paths, *, max_bytes: int) -> Iterator[ImportFile]:
    """Yield the files named by ``paths``: files as they are, folders as every ``*.txt``
    below them (sorted, symbolic links not followed), ``.zip`` files as their members."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, photos = _folder_files(path)
            if not found:
                yield ImportFile(
                    str(path),
                    None,
                    _("%(file)s: no pieces in this folder.") % {"file": path},
                )
            for file in found:
                yield from _read(file, max_bytes, photos.get(file.with_suffix(""), ()))
        elif path.suffix.lower() == ".zip":
            try:
                with path.open("rb") as handle:
                    yield from files_from_zip(str(path), handle, max_bytes=max_bytes)
            except OSError as error:
                yield ImportFile(str(path), None, f"{path}: {error.strerror or error}")
        else:
            yield from _read(path, max_bytes)


def _folder_files(path: Path) -> tuple[list[Path], dict[Path, list[Path]]]:
    """Every ``*.txt`` below the folder ``path``, and every ``*.json`` or ``*.xml``
    that is a piece (not, say, an expected structure beside its dump), sorted,
    symbolic links not followed; and the photos beside them (``<stem>-N.jpg``...),
    by their piece's path without its ending. The folder is listed once, whatever
    the number of files."""
    found, photos = [], defaultdict(list)
    for folder, dirs, names in os.walk(path, followlinks=False):
        dirs.sort()
        for name in names:
            file = Path(folder, name)
            if name.lower().endswith(".txt") or (
                name.lower().endswith(PEEKED) and _is_piece(file)
            ):
                found.append(file)
            elif match := PHOTO_RE.match(name):
                photos[Path(folder, match["stem"])].append(file)
    return sorted(found), photos


def _is_piece(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return _head_is_piece(handle.read(PIECE_PEEK))
    except OSError:
        return False


def _head_is_piece(head: bytes) -> bool:
    """True if a file starting with ``head`` is a Newsroom export or agency item."""
    text = head.decode("utf-8", "replace")
    return looks_like_export(text) or looks_like_wire(text)


def count_files(paths) -> int:
    """How many reports ``files_from_paths(paths)`` will give, about (a folder's
    ``*.txt``, a zip's members), without reading them: for a progress bar."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            total += len(_folder_files(path)[0]) or 1
        elif path.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(path) as archive:
                    total += sum(not m.is_dir() for m in archive.infolist()) or 1
            except (zipfile.BadZipFile, OSError, ValueError):
                total += 1
        else:
            total += 1
    return total


def _folder_photos(path: Path) -> list[Path]:
    """The photos beside the piece ``path`` in its folder (``<stem>-N.jpg``...)."""
    return [
        candidate
        for candidate in path.parent.glob(f"{glob.escape(path.stem)}-*")
        if (match := PHOTO_RE.match(candidate.name)) and match["stem"] == path.stem
    ]


def _read_photos(candidates) -> tuple[BundlePhoto, ...]:
    """The photos in the files ``candidates`` (named ``<stem>-N.jpg``...), in
    figure order; symbolic links are passed over."""
    photos = []
    for candidate in candidates:
        match = PHOTO_RE.match(candidate.name)
        if candidate.is_symlink():
            continue
        try:
            if candidate.stat().st_size > PHOTO_MAX_BYTES:
                raise OSError(_("over %(size)s MB") % {"size": PHOTO_MAX_BYTES >> 20})
            photo = BundlePhoto(
                int(match["number"]), candidate.name, candidate.read_bytes()
            )
        except OSError as error:
            photo = BundlePhoto(int(match["number"]), candidate.name, None, str(error))
        photos.append(photo)
    return tuple(sorted(photos, key=lambda photo: photo.number))


def _read(path: Path, max_bytes: int, photos=None) -> Iterator[ImportFile]:
    """Yield the file ``path`` with the photos beside it: ``photos`` when the caller
    listed its folder already, else found by looking."""
    try:
        if path.is_symlink() or not path.is_file():
            raise FileNotFoundError(path)
        size = path.stat().st_size
        if size > max_bytes:
            yield too_large(str(path), size, max_bytes)
            return
        if photos is None:
            photos = _folder_photos(path)
        yield ImportFile(str(path), path.read_bytes(), photos=_read_photos(photos))
    except FileNotFoundError:
        yield ImportFile(str(path), None, _("%(file)s: no such file.") % {"file": path})
    except OSError as error:
        yield ImportFile(str(path), None, f"{path}: {error.strerror or error}")


def files_from_zip(name: str, handle, *, max_bytes: int) -> Iterator[ImportFile]:
    """Yield the ``*.txt`` members of the zip open in ``handle``, its Newsroom
    exports and agency items (folders are passed over, other files reported as
    skipped), reading at
    most ``max_bytes`` of each."""
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError):
        yield ImportFile(
            name, None, _("%(file)s: not a valid zip file.") % {"file": name}
        )
        return
    with archive:
        members = archive.infolist()
        photos = _zip_photos(members)
        pieces = {
            PurePosixPath(m.filename).with_suffix("").as_posix()
            for m in members
            if m.filename.lower().endswith((".txt", *PEEKED))
        }
        for member in members:
            label = f"{name}/{member.filename}"
            if member.is_dir():
                continue
            match = PHOTO_RE.match(member.filename)
            if match and match["stem"] in pieces:
                continue  # read with its piece
            if stat.S_ISLNK(member.external_attr >> 16):
                yield ImportFile(
                    label,
                    None,
                    _("%(file)s: skipped, a symbolic link.") % {"file": label},
                    skipped=True,
                )
                continue
            lower = member.filename.lower()
            if not (
                lower.endswith(".txt")
                or (lower.endswith(PEEKED) and _member_is_piece(archive, member))
            ):
                yield ImportFile(
                    label,
                    None,
                    _(
                        "%(file)s: skipped, not a piece (.txt, a Newsroom export, a "
                        "NewsML-G2, NITF or ninjs item)."
                    )
                    % {"file": label},
                    skipped=True,
                )
                continue
            if member.file_size > max_bytes:
                yield too_large(label, member.file_size, max_bytes)
                continue
            try:
                with archive.open(member) as stream:
                    data = stream.read(max_bytes + 1)
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as error:
                # Encrypted members, corrupt data, unsupported compression.
                yield ImportFile(
                    label,
                    None,
                    _("%(file)s: cannot be read from the zip (%(reason)s).")
                    % {"file": label, "reason": error},
                )
                continue
            if len(data) > max_bytes:
                yield too_large(label, member.file_size, max_bytes)
                continue
            stem = PurePosixPath(member.filename).with_suffix("").as_posix()
            bundle = tuple(
                _zip_photo(archive, number, photo)
                for number, photo in sorted(photos.get(stem, {}).items())
            )
            yield ImportFile(label, data, photos=bundle)


def _zip_photos(members) -> dict[str, dict[int, zipfile.ZipInfo]]:
    """{piece stem: {figure number: photo member}} for the bundle's photos."""
    photos: dict[str, dict[int, zipfile.ZipInfo]] = {}
    for member in members:
        match = PHOTO_RE.match(member.filename)
        if match and not member.is_dir():
            photos.setdefault(match["stem"], {})[int(match["number"])] = member
    return photos


def _zip_photo(archive, number: int, member: zipfile.ZipInfo) -> BundlePhoto:
    name = PurePosixPath(member.filename).name
    if stat.S_ISLNK(member.external_attr >> 16):
        return BundlePhoto(number, name, None, _("a symbolic link"))
    if member.file_size > PHOTO_MAX_BYTES:
        return BundlePhoto(
            number, name, None, _("over %(size)s MB") % {"size": PHOTO_MAX_BYTES >> 20}
        )
    try:
        with archive.open(member) as stream:
            return BundlePhoto(number, name, stream.read(PHOTO_MAX_BYTES + 1))
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as error:
        return BundlePhoto(number, name, None, str(error))


def _member_is_piece(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(member) as stream:
            return _head_is_piece(stream.read(PIECE_PEEK))
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError):
        return True  # read again below, where the reason is reported
