"""Bytes to text: which encoding a dump is in, and whether it is text at all.

Accepted: UTF-8 (with or without a byte-order mark), UTF-16 LE/BE with a byte-order
mark, and the Windows Arabic code page cp1256. cp1256 maps every byte to some
character, so any bytes "decode" as cp1256; a plausibility check on the result tells
real cp1256 text from random bytes: the high bytes of Arabic text are Arabic letters
and marks (not accented Latin letters and symbols), its commonest letters are common,
it has spaces, and it has no control characters.
"""

import re

from ingest.importer.messages import _
from ingest.importer.structure import ParseError

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_LE_BOM = b"\xff\xfe"
UTF16_BE_BOM = b"\xfe\xff"
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")

# Leading bytes of file types that editors have renamed to .txt by mistake. The
# names are translated when a message is made, in the language active then.
MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", _("a PNG image")),
    (b"\xff\xd8\xff", _("a JPEG image")),
    (b"GIF87a", _("a GIF image")),
    (b"GIF89a", _("a GIF image")),
    (b"%PDF-", _("a PDF document")),
    (b"PK\x03\x04", _("a ZIP archive (or a Word/OpenDocument file)")),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        _("an old Microsoft Office document"),
    ),
    (b"\x1f\x8b", _("a gzip archive")),
    (b"Rar!\x1a\x07", _("a RAR archive")),
    (b"7z\xbc\xaf\x27\x1c", _("a 7-Zip archive")),
    (b"\x7fELF", _("a program (ELF)")),
    (b"MZ\x90\x00", _("a Windows program")),
    (b"{\\rtf", _("an RTF document")),
)
# RIFF containers (WebP, WAV, AVI) and ISO media (MP4, HEIC, AVIF) carry their type
# a few bytes in.
RIFF = b"RIFF"
ISO_MEDIA = b"ftyp"

# Control characters that never occur in text (tab, line ends, form feed and the
# vertical tab are white space and allowed).
# C0 controls but the text ones (tab, line ends, vertical tab, form feed), DEL and C1.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_C1 = re.compile("[\x80-\x9f]")

# The six commonest Arabic letters make up about half of the letters of any Arabic
# text; in random bytes read as cp1256 they are six letters out of about fifty.
_COMMON_ARABIC = set("اليمنو")
_MIN_COMMON_SHARE = 0.28
_MIN_LETTERS_FOR_FREQUENCY = 40
# Of the characters cp1256 gives for bytes 0x80-0xFF, about a third are Latin letters
# with accents and symbols (é, ƒ, ‰, ¦ ...); Arabic text hardly uses them.
_FEW_FOREIGN = 1
_MAX_FOREIGN_SHARE = 0.05
_TYPOGRAPHIC = frozenset("\u00a0«»…‘’“”–—\u200c\u200d\u200e\u200f")
# A stray control character or two is dropped as junk; many of them mean binary data.
_FEW_CONTROLS = 8
_MAX_CONTROL_SHARE = 0.01


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a dump; ``text`` has no byte-order
    mark. Raises ParseError (code "binary" or "undecodable") when the bytes are not
    text in one of the accepted encodings."""
    _reject_binary_magic(data)
    if data.startswith(UTF32_BOMS):
        raise ParseError(
            _("UTF-32 text is not supported; save the file as UTF-8"),
            code="undecodable",
        )
    if data.startswith(UTF8_BOM):
        text = _decode_strict(data[len(UTF8_BOM) :], "utf-8", "UTF-8")
        return _checked(text), "utf-8-sig"
    if data.startswith((UTF16_LE_BOM, UTF16_BE_BOM)):
        codec = "utf-16-le" if data.startswith(UTF16_LE_BOM) else "utf-16-be"
        text = _decode_strict(data[2:], codec, "UTF-16")
        return _checked(text), codec
    if b"\x00" in data:
        raise ParseError(
            _(
                "the file holds NUL bytes: it is binary data or UTF-16 without a "
                "byte-order mark, not a text dump"
            ),
            code="binary",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _C1.search(text):
            return _checked(text), "utf-8"
    text = data.decode("cp1256")
    if not _plausible_cp1256(text):
        raise ParseError(
            _(
                "the bytes are neither UTF-8, UTF-16 with a byte-order mark, nor "
                "Arabic text in Windows-1256 (cp1256)"
            ),
            code="undecodable",
        )
    return _checked(text), "cp1256"


def _reject_binary_magic(data: bytes) -> None:
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            raise ParseError(
                _("the file is %(kind)s, not a text dump") % {"kind": kind},
                code="binary",
            )
    if data.startswith(RIFF) and len(data) >= 12:
        raise ParseError(
            _("the file is %(kind)s, not a text dump")
            % {"kind": _("a RIFF media file")},
            code="binary",
        )
    if data[4:8] == ISO_MEDIA:
        raise ParseError(
            _("the file is %(kind)s, not a text dump")
            % {"kind": _("an MP4/HEIC/AVIF media file")},
            code="binary",
        )


def _decode_strict(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise ParseError(
            _(
                "the file starts with a %(encoding)s byte-order mark but byte "
                "%(byte)s after it is not valid %(encoding)s"
            )
            % {"encoding": label, "byte": err.start + 1},
            code="undecodable",
        ) from None


def _checked(text: str) -> str:
    """Return ``text`` if it looks like text: no NUL, few control characters (those
    few are dropped later, line by line)."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ParseError(
            _("the file holds NUL characters: it is binary data, not a text dump"),
            code="binary",
            line=line,
        )
    controls = len(_CONTROLS.findall(text))
    if controls > max(_FEW_CONTROLS, _MAX_CONTROL_SHARE * len(text)):
        raise ParseError(
            _(
                "the file holds %(count)s control characters: it is binary data, "
                "not a text dump"
            )
            % {"count": controls},
            code="binary",
        )
    return text


def _plausible_cp1256(text: str) -> bool:
    """Return True if ``text`` (bytes read as cp1256) reads like Arabic text."""
    high = [ch for ch in text if ch >= "\x80"]
    foreign = sum(1 for ch in high if not _arabic_or_typographic(ch))
    if foreign > max(_FEW_FOREIGN, _MAX_FOREIGN_SHARE * len(high)):
        return False
    visible = [ch for ch in text if not ch.isspace()]
    arabic = [ch for ch in visible if "\u0621" <= ch <= "\u064a"]
    if not arabic:
        return False
    if len(arabic) >= _MIN_LETTERS_FOR_FREQUENCY:
        common = sum(1 for ch in arabic if ch in _COMMON_ARABIC)
        if common < _MIN_COMMON_SHARE * len(arabic):
            return False
        words = len(text.split())
        if words == 0 or len(visible) / words > 20:
            return False
    return True


def _arabic_or_typographic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or ch in _TYPOGRAPHIC
