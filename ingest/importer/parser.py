"""The importer's entry point: bytes of one dump in, one ParsedPiece out."""

from collections.abc import Iterable
from dataclasses import replace

from ingest.importer.credits import KnownCredits
from ingest.importer.decode import decode
from ingest.importer.exported import looks_like_export, parse_export
from ingest.importer.limits import check_lengths
from ingest.importer.messages import _, ngettext
from ingest.importer.newsml import ROOTS, parse_newsml
from ingest.importer.ninjs import looks_like_json, parse_ninjs
from ingest.importer.nitf import parse_nitf
from ingest.importer.safexml import local, parse_xml
from ingest.importer.seed import parse_seed
from ingest.importer.structure import ParsedPiece, ParseError
from ingest.importer.trec import looks_like_trec, parse_trec


def parse(
    data: bytes,
    *,
    filename: str = "",
    max_bytes: int | None = None,
    strict: bool = False,
    known_credits: Iterable[str] = (),
) -> ParsedPiece:
    """Return the piece held in the bytes of one dump: seed format, TREC (a file
    whose first non-blank content is ``<DOC>``), Newsroom's own JSON export
    (``ingest.importer.exported``), an agency's NewsML-G2 item or NITF document (any
    other XML) or ninjs item (any other JSON object): recognised by content, never by
    the file's name. Raises ParseError, and nothing else,
    for anything that cannot be imported: empty or blank file, a headline without a
    body, binary data, an unknown encoding, more than ``max_bytes`` bytes, a part
    longer than the newsroom stores (``ingest.importer.limits``).

    ``known_credits`` are the names the newsroom knows (its confirmed sources and their
    other spellings): a line ending in one is more likely a caption, and every reader
    splits a figure's credit with them, once, as it builds the figure
    (``Figure.credit_parts``).

    ``strict=True`` stores text as ``articles.text.clean_text`` would (NFC, every
    bidi/zero-width control but ZWNJ removed) instead of code point for code point.
    """
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError(f"parse() takes bytes, not {type(data).__name__}")
    try:
        _check_size(data, max_bytes)
        text, encoding = decode(data)
        known = (
            known_credits
            if isinstance(known_credits, KnownCredits)
            else KnownCredits(known_credits)
        )
        if looks_like_export(text):
            piece = parse_export(text, known=known)
        elif looks_like_trec(text):
            piece = parse_trec(text, strict=strict, known=known)
        elif looks_like_json(text):
            piece = parse_ninjs(text, strict=strict, known=known)
        elif looks_like_xml(text):
            piece = _parse_wire_xml(text, strict=strict, known=known)
        else:
            piece = parse_seed(text, strict=strict, known=known)
        check_lengths(piece, text)
    except ParseError as err:
        err.filename = err.filename or filename
        err.args = (str(err),)
        raise
    return replace(piece, encoding=encoding)


def looks_like_xml(text: str) -> bool:
    """Return True if ``text`` starts as XML does (after white space)."""
    return text.lstrip().startswith("<")


def _parse_wire_xml(text: str, *, strict: bool, known: KnownCredits) -> ParsedPiece:
    document = parse_xml(text)
    name = local(document.root.tag)
    if name in ROOTS:
        return parse_newsml(document, strict=strict, known=known)
    if name == "nitf":
        return parse_nitf(document, strict=strict, known=known)
    raise ParseError(
        _("XML whose root is <%(root)s>: neither a NewsML-G2 item nor NITF")
        % {"root": name[:60]},
        code="unknown_xml",
        line=document.line(document.root),
    )


def _check_size(data: bytes, max_bytes: int | None) -> None:
    if not data:
        raise ParseError(_("the file is empty"), code="empty")
    if max_bytes is not None and len(data) > max_bytes:
        raise ParseError(
            _("the file is %(size)s, over the limit of %(limit)s")
            % {"size": _size(len(data)), "limit": _size(max_bytes)},
            code="too_large",
        )


def _size(count: int) -> str:
    """Return ``count`` bytes exactly, with the size in MiB or KiB beside it."""
    values = {"bytes": f"{count:,}"}
    if count >= 1024 * 1024:
        values["size"] = f"{count / (1024 * 1024):.1f}"
        return _("%(bytes)s bytes (%(size)s MiB)") % values
    if count >= 1024:
        values["size"] = f"{count / 1024:.1f}"
        return _("%(bytes)s bytes (%(size)s KiB)") % values
    return ngettext("%(bytes)s byte", "%(bytes)s bytes", count) % values
