"""A parsed piece as plain JSON and back, whole: every block (an export's quotations,
lists and embeds too) with its line and split credit, every warning with its code,
parameters and template, and whether its text is in the body notation. The desk's import
screen keeps what it parsed for the preview this way, so the confirmation imports
exactly that instead of parsing the file again."""

from datetime import datetime

from articles.body import EmbedMarker, ItemList, Quote
from articles.embeds import find_embed
from ingest.importer.credits import CreditParts, split_credit
from ingest.importer.messages import Text
from ingest.importer.structure import (
    Figure,
    Paragraph,
    ParsedPiece,
    ParseError,
    ParseWarning,
    Subheading,
)


def piece_to_data(piece: ParsedPiece) -> dict:
    """Return ``piece`` as JSON-compatible data that :func:`piece_from_data` reads."""
    return {
        "format": piece.format,
        "headline": piece.headline,
        "blocks": [_block_to_data(block) for block in piece.blocks],
        "sources": list(piece.sources),
        "standfirst": piece.standfirst,
        "published_at": _time_to_data(piece.published_at),
        "byline": piece.byline,
        "original_url": piece.original_url,
        "external_id": piece.external_id,
        "category": piece.category,
        "version": piece.version,
        "version_created": _time_to_data(piece.version_created),
        "language": piece.language,
        "located": piece.located,
        "keywords": list(piece.keywords),
        "pub_status": piece.pub_status,
        "embargoed": _time_to_data(piece.embargoed),
        "warnings": [
            {"line": w.line, "code": w.code, "message": _text_to_data(w.message)}
            for w in piece.warnings
        ],
        "encoding": piece.encoding,
        "notation": piece.notation,
    }


def piece_from_data(data: dict) -> ParsedPiece:
    """Return the piece :func:`piece_to_data` wrote (data staged before the wire
    fields existed reads with them unset)."""
    return ParsedPiece(
        format=data["format"],
        headline=data["headline"],
        blocks=[_block_from_data(block) for block in data["blocks"]],
        sources=list(data["sources"]),
        standfirst=data["standfirst"],
        published_at=_time_from_data(data["published_at"]),
        byline=data["byline"],
        original_url=data["original_url"],
        external_id=data["external_id"],
        category=data["category"],
        version=data.get("version"),
        version_created=_time_from_data(data.get("version_created")),
        language=data.get("language"),
        located=data.get("located"),
        keywords=list(data.get("keywords", [])),
        pub_status=data.get("pub_status"),
        embargoed=_time_from_data(data.get("embargoed")),
        warnings=[
            ParseWarning(w["line"], w["code"], _text_from_data(w["message"]))
            for w in data["warnings"]
        ],
        encoding=data["encoding"],
        notation=data.get("notation", False),
    )


def _time_to_data(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _time_from_data(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def error_to_data(error: ParseError) -> dict:
    return {
        "message": _text_to_data(error.message),
        "line": error.line,
        "code": error.code,
        "filename": error.filename,
    }


def error_from_data(data: dict) -> ParseError:
    return ParseError(
        _text_from_data(data["message"]),
        line=data["line"],
        code=data["code"],
        filename=data["filename"],
    )


def _block_to_data(block) -> dict:
    if isinstance(block, Figure):
        parts = block.credit_parts
        return {
            "type": "figure",
            "alt": block.alt,
            "caption": block.caption,
            "credit": block.credit,
            "line": block.line,
            "parts": [parts.service, parts.note, parts.photographer] if parts else None,
        }
    if isinstance(block, Quote):
        return {
            "type": "quote",
            "text": block.text,
            "attribution": block.attribution,
            "line": block.line,
        }
    if isinstance(block, ItemList):
        return {
            "type": "list",
            "items": list(block.items),
            "ordered": block.ordered,
            "start": block.start,
            "line": block.line,
        }
    if isinstance(block, EmbedMarker):
        return {"type": "embed", "url": block.embed.url, "line": block.line}
    kind = "subheading" if isinstance(block, Subheading) else "paragraph"
    return {"type": kind, "text": block.text, "line": block.line}


def _block_from_data(data: dict):
    if data["type"] == "figure":
        parts = CreditParts(*data["parts"]) if data["parts"] else None
        if parts is None and data["credit"]:
            # Staged before every reader split its figures' credits (a wire item's):
            # split as the import did then, without the known credits.
            parts = split_credit(data["credit"])
        return Figure(data["alt"], data["caption"], data["credit"], data["line"], parts)
    if data["type"] == "quote":
        return Quote(data["text"], data["attribution"], data["line"])
    if data["type"] == "list":
        return ItemList(
            tuple(data["items"]), data["ordered"], data["line"], data["start"]
        )
    if data["type"] == "embed":
        return EmbedMarker(find_embed(data["url"]), data["line"])
    kind = Subheading if data["type"] == "subheading" else Paragraph
    return kind(data["text"], data["line"])


def _text_to_data(text):
    if not isinstance(text, Text):
        return text
    return {
        "template": text.template,
        "plural": text.plural,
        "count": text.count,
        "params": {name: _text_to_data(value) for name, value in text.params.items()},
    }


def _text_from_data(data):
    if not isinstance(data, dict):
        return data
    params = {name: _text_from_data(value) for name, value in data["params"].items()}
    return Text(data["template"], params, plural=data["plural"], count=data["count"])
