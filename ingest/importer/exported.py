"""Newsroom's own export: one piece as a JSON document, read back whole.

The seed format has no place for a standfirst, a byline, the original address or the
original publication time, and a short paragraph in it can read as a sub-heading. An
archive moving between Newsroom sites (or out and back in) needs every field: this
format is the structure the importer produces (``ParsedPiece.to_json``) with a mark
saying what it is::

    {"newsroom_piece": 1, "headline": "…", "standfirst": "…", "byline": "…",
     "original_url": "…", "published_at": "2018-09-10T05:51:40+00:00",
     "blocks": [{"type": "figure", "alt": "…", "caption": "…", "credit": "…",
                 "source": "…", "credit_note": null, "photographer": "…"},
                {"type": "paragraph", "text": "…"}, {"type": "subheading", "text": "…"}],
     "sources": ["…"]}

A figure's credit is written as it reads (``"تصوير: علي كريم/رويترز"``) and, beside
it, already split: ``source`` (the agency or outlet), ``credit_note`` and
``photographer``, as the article stores them. The import takes those parts as they are
rather than splitting the credit again; an export written before they were carried (a
credit alone) is split once on reading, with the newsroom's known credits.

``parse(export_text(piece))`` gives back the same headline, blocks, sources,
standfirst, byline, address and time, whatever they hold, and the wire fields
(guid, version, language, place, keywords, status and times) when set.

An article's published corrections travel with it, for the record, as
``"corrections": [{"kind": "correction", "text": "…", "published_at": "…"}]``; an
import leaves them out: publishing a correction is an editor's act on the desk.
"""

import json
from collections.abc import Sequence
from datetime import datetime

from articles.body import MAX_LIST_NUMBER, EmbedMarker, ItemList, Quote
from articles.embeds import find_embed
from ingest.importer.credits import NO_KNOWN_CREDITS, CreditParts, KnownCredits
from ingest.importer.messages import _
from ingest.importer.structure import (
    Figure,
    Paragraph,
    ParsedPiece,
    ParseError,
    Subheading,
)

MARK = "newsroom_piece"
VERSION = 1
#: The optional text fields, as ``ParsedPiece`` names them.
TEXT_FIELDS = (
    "standfirst",
    "byline",
    "original_url",
    "external_id",
    "category",
    "language",
    "located",
    "pub_status",
)
#: The optional times.
TIME_FIELDS = ("published_at", "version_created", "embargoed")
#: A figure's credit split (``CreditParts``: service, note, photographer), as the
#: export names the parts.
CREDIT_PARTS = ("source", "credit_note", "photographer")


def export_text(piece: ParsedPiece, *, corrections: Sequence[dict] = ()) -> str:
    """Return ``piece`` as a Newsroom export document (UTF-8 text, one JSON object),
    with its ``corrections`` (JSON-ready notes) when it has any."""
    data = {MARK: VERSION, **piece.to_json()}
    for name in ("format", "warnings"):
        data.pop(name, None)
    for block, written in zip(piece.blocks, data["blocks"], strict=True):
        if isinstance(block, Figure) and (parts := block.credit_parts):
            values = (parts.service, parts.note, parts.photographer)
            written.update(zip(CREDIT_PARTS, values, strict=True))
    if corrections:
        data["corrections"] = list(corrections)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def looks_like_export(text: str) -> bool:
    """Return True if ``text`` starts as a Newsroom export does (cheap: no parsing)."""
    head = text.lstrip()[:200]
    return head.startswith("{") and f'"{MARK}"' in head


def parse_export(text: str, *, known: KnownCredits = NO_KNOWN_CREDITS) -> ParsedPiece:
    """Return the piece of a Newsroom export document; ParseError when it is not one.
    A figure's credit comes split as the export wrote it, or is split with the
    ``known`` credits when the export gives the credit alone."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise _bad(_("not valid JSON (%(reason)s)") % {"reason": error}) from None
    if not isinstance(data, dict) or data.get(MARK) != VERSION:
        raise _bad(_("not a Newsroom export of version %(version)s") % {"version": 1})
    headline = data.get("headline")
    if not isinstance(headline, str) or not headline.strip():
        raise _bad(_("the export has no headline"))
    blocks = data.get("blocks")
    if not isinstance(blocks, list):  # empty: an archive record with a title only
        raise _bad(_("the export's blocks are not a list"))
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise _bad(_("the export's sources are not a list of names"))
    fields = {}
    for name in TEXT_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise _bad(_("the export's %(field)s is not text") % {"field": name})
        fields[name] = value or None
    keywords = data.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise _bad(_("the export's keywords are not a list of words"))
    version = data.get("version")
    if version is not None and (type(version) is not int or version < 0):
        raise _bad(_("the export's version is not a whole number"))
    notation = data.get("notation", False)
    if type(notation) is not bool:
        raise _bad(_("the export's notation mark is not true or false"))
    return ParsedPiece(
        format="newsroom",
        headline=headline,
        blocks=[
            _block(block, number, notation, known)
            for number, block in enumerate(blocks, 1)
        ],
        notation=notation,
        sources=sources,
        keywords=keywords,
        version=version,
        **{name: _time(data.get(name)) for name in TIME_FIELDS},
        **fields,
    )


def _block(
    data, number: int, notation: bool = False, known: KnownCredits = NO_KNOWN_CREDITS
):
    if not isinstance(data, dict):
        raise _bad(_("block %(number)s is not an object") % {"number": number})
    kind = data.get("type")
    if notation and kind in ("quote", "list", "embed"):
        return _notation_block(data, kind, number)
    values = {
        name: data.get(name)
        for name in ("text", "alt", "caption", "credit", *CREDIT_PARTS)
        if data.get(name) is not None
    }
    if not all(isinstance(value, str) for value in values.values()):
        raise _bad(
            _("block %(number)s holds something else than text") % {"number": number}
        )
    if kind == "figure" and values.get("caption"):
        credit = values.get("credit")
        if credit and any(name in data for name in CREDIT_PARTS):
            parts = CreditParts(*(values.get(name) for name in CREDIT_PARTS))
            return Figure(values.get("alt"), values["caption"], credit, number, parts)
        return Figure.read(
            values.get("alt"), values["caption"], credit, number, known=known
        )
    if kind in ("paragraph", "subheading") and values.get("text"):
        block_type = Paragraph if kind == "paragraph" else Subheading
        return block_type(values["text"], number)
    raise _bad(
        _("block %(number)s is not a paragraph, sub-heading or figure")
        % {"number": number}
    )


def _notation_block(data: dict, kind: str, number: int):
    """A quotation, a list or an embed of an export written in the body notation."""
    bad = _bad(
        _("block %(number)s is not a valid %(kind)s") % {"number": number, "kind": kind}
    )
    if kind == "quote":
        text, attribution = data.get("text"), data.get("attribution", "")
        if not isinstance(text, str) or not text or not isinstance(attribution, str):
            raise bad
        return Quote(text, attribution, number)
    if kind == "list":
        items, ordered = data.get("items"), data.get("ordered", False)
        start = data.get("start", 1)
        if (
            not isinstance(items, list)
            or not items
            or not all(isinstance(item, str) and item for item in items)
            or type(ordered) is not bool
            or type(start) is not int
            or not 0 <= start <= MAX_LIST_NUMBER + 1 - len(items)
            or (start != 1 and not ordered)
        ):
            raise bad
        return ItemList(tuple(items), ordered, number, start)
    url = data.get("url")
    embed = find_embed(url) if isinstance(url, str) else None
    if embed is None:
        raise bad
    return EmbedMarker(embed, number)


def _time(value) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _bad(
            _("the export's publication time is not an ISO 8601 time with its offset")
        )
    return moment


def _bad(message) -> ParseError:
    return ParseError(message, code="bad_export")
