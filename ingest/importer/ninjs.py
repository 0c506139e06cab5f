"""ninjs (news in JSON) items, versions 1.x to 3.x, read; and written as ninjs 3.1
(``ninjs_item``, ``ninjs_text``).

The versions name the same things differently: 3.x in camelCase (``headlines``,
``bodies``, ``versionCreated``, ``embargoedUntil``), 2.x in lower case, 1.x with
single fields (``headline``, ``body_html``, ``body_text``, ``description_text``,
``byline``, ``subject``). Keys are read case-insensitively, so one reader serves all.

The guid is ``uri``; the headline the ``main`` headline (else the first, else
``title``); the standfirst a ``sub`` headline, else the first description; the byline
``by``; sources ``copyrightHolder`` and the ``infoSources``; keywords the names of
``subjects`` and ``keywords``. The text is the first HTML body (``bodies`` with an
HTML content type or role, ``body_html``, ``body_xhtml``), else the first plain one,
one paragraph a line. Associated pictures are figures (their description as caption,
their ``by`` as credit); a picture item is one figure itself.
"""

import json
import re
from html import escape

from articles.block_html import text_block_html
from articles.body import EmbedMarker
from ingest.importer.credits import NO_KNOWN_CREDITS, KnownCredits
from ingest.importer.markup import html_blocks, text_blocks
from ingest.importer.messages import _
from ingest.importer.structure import Figure, ParsedPiece, ParseError, Subheading
from ingest.importer.tidy import tidy
from ingest.importer.wire import (
    direction,
    finish,
    pub_status,
    wire_time,
    wire_version,
)

PICTURES = frozenset({"picture", "graphic"})


def looks_like_json(text: str) -> bool:
    """Return True if ``text`` starts as a JSON object does."""
    return text.lstrip().startswith("{")


def parse_ninjs(
    text: str, *, strict: bool = False, known: KnownCredits = NO_KNOWN_CREDITS
) -> ParsedPiece:
    """Return the piece of a ninjs item, its figures' credits split with the
    ``known`` credits; ParseError for bad JSON or not ninjs."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ParseError(
            _("not valid JSON (%(reason)s)") % {"reason": error.msg},
            code="bad_json",
            line=getattr(error, "lineno", None),
        ) from None
    data = _lower(data)
    if not isinstance(data, dict) or not isinstance(data.get("uri"), str):
        raise _bad(_("a JSON object without a ninjs 'uri'"))
    warnings: list = []

    def clean(value) -> str | None:
        return tidy(value, strict=strict) or None if isinstance(value, str) else None

    def line_of(*keys: str) -> int:
        for key in keys:
            if found := re.search(f'"{key}"\\s*:', text, re.IGNORECASE):
                return text.count("\n", 0, found.start()) + 1
        return 1

    headlines = _objects(data, "headlines")
    main = [h for h in headlines if h.get("role") in (None, "main")] or headlines
    sub = [h for h in headlines if h.get("role") in ("sub", "subheadline")]
    descriptions = _objects(data, "descriptions")
    captions = [d for d in descriptions if d.get("role") in ("caption", "summary")]
    is_picture = _kind(data) in PICTURES
    fields = {
        "format": "ninjs",
        "external_id": data["uri"],
        "version": wire_version(data.get("version"), line_of("version"), warnings),
        "language": clean(data.get("language")),
        "headline": clean(main[0].get("value") if main else None)
        or clean(data.get("headline"))
        or clean(data.get("title")),
        "byline": None if is_picture else clean(data.get("by") or data.get("byline")),
        "located": clean(data.get("located")),
        "sources": [clean(data.get("copyrightholder"))]
        + [clean(s.get("name")) for s in _objects(data, "infosources")],
        "keywords": [
            clean(s.get("name"))
            for s in _objects(data, "subjects") + _objects(data, "subject")
        ]
        + [clean(k) for k in _list(data, "keywords")],
        "pub_status": pub_status(clean(data.get("pubstatus"))),
    }
    if not is_picture:
        fields["standfirst"] = (
            clean(sub[0].get("value") if sub else None)
            or clean(descriptions[0].get("value") if descriptions else None)
            or clean(data.get("description_text"))
        )
    for name, keys in (
        ("published_at", ("firstcreated", "contentcreated")),
        ("version_created", ("versioncreated",)),
        ("embargoed", ("embargoeduntil", "embargoed")),
    ):
        key = next((k for k in keys if data.get(k)), None)
        if key is not None:
            fields[name] = wire_time(str(data[key]), line_of(key), warnings)
    if is_picture:
        caption = (captions or descriptions or [{}])[0].get("value")
        credit = next(
            (d.get("value") for d in descriptions if d.get("role") == "creditline"),
            data.get("by"),
        )
        fields["blocks"] = _figure(fields["headline"], caption, credit, 1, clean, known)
    else:
        body = _body(data, strict, line_of("bodies", "body_html", "body_text"), known)
        # A picture both in the body and in the associations is one figure.
        in_body = {block.caption for block in body if isinstance(block, Figure)}
        for association in _associations(data):
            if _kind(association) in PICTURES:
                body += [
                    figure
                    for figure in _figure(
                        clean(
                            (_objects(association, "headlines") or [{}])[0].get("value")
                        )
                        or clean(association.get("headline")),
                        (_objects(association, "descriptions") or [{}])[0].get("value")
                        or association.get("description_text"),
                        association.get("by") or association.get("byline"),
                        line_of("associations"),
                        clean,
                        known,
                    )
                    if figure.caption not in in_body
                ]
        fields["blocks"] = body
    fields = {
        key: value for key, value in fields.items() if value not in (None, "", [])
    }
    return finish(fields, line=1, warnings=warnings)


def _body(data: dict, strict: bool, line: int, known: KnownCredits) -> list:
    bodies = _objects(data, "bodies")
    for body in bodies:
        kind = f"{body.get('contenttype', '')} {body.get('role', '')}".casefold()
        if "html" in kind and isinstance(body.get("value"), str):
            return html_blocks(body["value"], strict=strict, line=line, known=known)
    for key in ("body_html", "body_xhtml"):
        if isinstance(data.get(key), str):
            return html_blocks(data[key], strict=strict, line=line, known=known)
    for text in [b.get("value") for b in bodies] + [data.get("body_text")]:
        if isinstance(text, str):
            return text_blocks(text, strict=strict, line=line)
    return []


def _figure(alt, caption, credit, line, clean, known) -> list:
    caption = clean(caption) or alt
    if not caption:
        return []
    return [Figure.read(alt, caption, clean(credit), line, known=known)]


def _kind(data: dict) -> str | None:
    kind = data.get("type")
    return kind if isinstance(kind, str) else None


def _associations(data: dict) -> list[dict]:
    """Associations as a list: 2.x/3.x write an array, 1.x an object by name."""
    value = data.get("associations")
    if isinstance(value, dict):
        value = list(value.values())
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _objects(data: dict, key: str) -> list[dict]:
    return [item for item in _list(data, key) if isinstance(item, dict)]


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad(_("'%(field)s' is not a list") % {"field": key})
    return value


def _lower(value):
    """``value`` with every object's keys in lower case (ninjs 3 writes camelCase)."""
    if isinstance(value, dict):
        return {str(k).casefold(): _lower(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower(item) for item in value]
    return value


def _bad(message) -> ParseError:
    return ParseError(message, code="bad_ninjs")


def ninjs_item(piece: ParsedPiece) -> dict:
    """Return ``piece`` as a ninjs 3.1 object (valid against its JSON Schema; a
    ``uri`` is required, the piece's guid). The body is HTML: paragraphs, ``h2``
    sub-headings and ``figure`` elements in reading order, inside a ``div`` with the
    piece's ``lang`` and ``dir`` (ninjs itself has no direction). ``parse``
    reads back the same structure."""
    if not piece.external_id:
        raise ValueError("a ninjs item needs its uri (the piece's external_id)")
    item = {"uri": piece.external_id, "type": "text"}
    times = (
        ("firstCreated", piece.published_at),
        ("versionCreated", piece.version_created),
        ("embargoedUntil", piece.embargoed),
    )
    optional = {
        "version": None if piece.version is None else str(piece.version),
        **{name: moment.isoformat() for name, moment in times if moment},
        "pubStatus": piece.pub_status,
        "language": piece.language,
        "headlines": [{"role": "main", "value": piece.headline}],
        "descriptions": [{"role": "summary", "value": piece.standfirst}]
        if piece.standfirst
        else None,
        "by": piece.byline,
        "located": piece.located,
        "subjects": [{"name": keyword} for keyword in piece.keywords],
        "infoSources": [{"name": name} for name in piece.sources],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": body_html(piece),
            }
        ]
        if piece.blocks
        else None,
    }
    item.update({key: value for key, value in optional.items() if value})
    return item


def ninjs_text(piece: ParsedPiece) -> str:
    """Return :func:`ninjs_item` as UTF-8 JSON text."""
    return json.dumps(ninjs_item(piece), ensure_ascii=False, indent=1) + "\n"


def body_html(piece: ParsedPiece) -> str:
    """The blocks of ``piece`` as an HTML fragment (see :func:`ninjs_item`)."""
    parts = []
    for block in piece.blocks:
        if isinstance(block, Figure):
            image = f'<img alt="{escape(block.alt)}">' if block.alt else ""
            credit = f" <cite>{escape(block.credit)}</cite>" if block.credit else ""
            parts.append(
                f"<figure>{image}<figcaption>{escape(block.caption)}{credit}"
                "</figcaption></figure>"
            )
        elif isinstance(block, EmbedMarker):
            url = escape(block.embed.url)
            parts.append(f'<p><a href="{url}">{url}</a></p>')
        elif piece.notation:
            parts.append(text_block_html(block).replace("\n", ""))
        else:
            tag = "h2" if isinstance(block, Subheading) else "p"
            parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
    attrs = "".join(
        f' {name}="{escape(value)}"'
        for name, value in (
            ("lang", piece.language),
            ("dir", direction(piece.language) if piece.language else None),
        )
        if value
    )
    return f"<div{attrs}>{''.join(parts)}</div>"
