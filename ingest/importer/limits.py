"""The longest text each part of a piece may hold to be stored: the lengths of the
newsroom's columns (``articles.models``; a test keeps the two equal). A piece with a
longer part cannot be imported as it is, and saying so with the line is better than
a database error, or a headline cut short where the database does not check.

A 300-character headline is usually not a headline at all: a dump of body text
alone, whose first paragraph was read as the headline.
"""

from ingest.importer.messages import _
from ingest.importer.structure import Figure, ParsedPiece, ParseError

MAX_LENGTHS = {
    "headline": 300,
    "byline": 200,
    "original_url": 500,
    "external_id": 255,
    "source": 100,
    "credit_note": 50,
    "photographer": 100,
    "alt": 500,
}

_NAMES = {
    "headline": _("the headline"),
    "byline": _("the byline"),
    "original_url": _("the original address"),
    "external_id": _("the agency's identifier (guid)"),
    "source": _("the source name"),
    "credit_note": _("the credit note"),
    "photographer": _("the photographer's name"),
    "alt": _("the photo description"),
}


def check_lengths(piece: ParsedPiece, text: str) -> None:
    """Raise ParseError (code ``too_long``) for the first part of ``piece`` longer
    than its column, naming the line of ``text`` (the decoded file) it comes from."""
    for part, value, line in _parts(piece):
        if value and len(value) > MAX_LENGTHS[part]:
            raise ParseError(
                _("%(part)s is %(length)s characters long; at most %(limit)s fit")
                % {
                    "part": _NAMES[part],
                    "length": len(value),
                    "limit": MAX_LENGTHS[part],
                },
                code="too_long",
                line=line or _line_of(text, value),
            )


def _parts(piece: ParsedPiece):
    """``(part, value, line or None)`` for every limited part of ``piece``."""
    yield "headline", piece.headline, None
    yield "byline", piece.byline, None
    yield "original_url", piece.original_url, None
    yield "external_id", piece.external_id, None
    for name in piece.sources:
        yield "source", name, None
    for block in piece.blocks:
        if not isinstance(block, Figure):
            continue
        yield "alt", block.alt, block.line
        parts = block.credit_parts
        if parts:
            yield "source", parts.service, block.line
            yield "credit_note", parts.note, block.line
            yield "photographer", parts.photographer, block.line


def _line_of(text: str, value: str) -> int | None:
    """The line of ``text`` where ``value`` starts, when it is written there as read."""
    at = text.find(value[:40])
    return text.count("\n", 0, at) + 1 if at >= 0 else None
