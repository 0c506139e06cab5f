"""What the agency formats (NewsML-G2, NITF, ninjs) share once read: times, version
numbers, publication status, and the finished piece."""

import re
from datetime import datetime
from xml.etree.ElementTree import Element, tostring  # nosec B405

from ingest.importer.dates import parse_time
from ingest.importer.messages import _
from ingest.importer.structure import (
    Paragraph,
    ParsedPiece,
    ParseError,
    ParseWarning,
    Subheading,
    warning,
)
from ingest.importer.trec import REPEAT_SHARE, repeated_share

#: Publication statuses as the formats write them (``stat:canceled``, ``withheld``,
#: NITF's ``management-status``), by the word Newsroom keeps.
PUB_STATUSES = {
    "usable": "usable",
    "withheld": "withheld",
    "canceled": "canceled",
    "cancelled": "canceled",
    "embargoed": "usable",
}


#: The root elements of the wire formats' XML, with or without a namespace prefix.
_WIRE_ROOT = re.compile(
    r"<(?:[\w.-]+:)?(?:newsItem|packageItem|newsMessage|nitf)[\s/>]"
)
_NINJS_URI = re.compile(r'^\s*\{.*"uri"\s*:', re.DOTALL)


def looks_like_wire(head: str) -> bool:
    """True if the start of a file (a few kilobytes) shows an agency item: a
    NewsML-G2 or NITF root element, or a JSON object with ninjs's ``uri``. Cheap: for
    choosing the pieces among a folder's or a zip's ``.xml`` and ``.json`` files."""
    return bool(_WIRE_ROOT.search(head) or _NINJS_URI.match(head))


#: Languages written right to left, for the ``dir`` the formats carry.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv"})


def direction(language: str) -> str:
    """``rtl`` for a language written right to left (``ar``, ``ar-QA``), else ``ltr``."""
    return "rtl" if language.split("-")[0].casefold() in RIGHT_TO_LEFT else "ltr"


def wire_time(raw: str | None, line: int | None, warnings: list) -> datetime | None:
    """Return the aware time ``raw`` gives, or None; warns when unsure or unreadable."""
    moment, problem = parse_time(raw or "")
    if problem:
        code = "unreadable_time" if moment is None else "time_assumed"
        warnings.append(warning(line, code, problem))
    return moment


def wire_version(raw, line: int | None, warnings: list) -> int | None:
    """Return the item's version as a whole number, or None (warning when unreadable)."""
    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip()
    if text.isascii() and text.isdigit():
        return int(text)
    message = _("version '%(version)s' is not a whole number; left out")
    warnings.append(
        warning(line, "unreadable_version", message % {"version": text[:40]})
    )
    return None


def pub_status(raw: str | None) -> str | None:
    """Return "usable", "withheld" or "canceled" for a status code, or None."""
    if not raw:
        return None
    return PUB_STATUSES.get(raw.rsplit(":", 1)[-1].strip().casefold())


def finish(
    fields: dict, *, line: int | None, warnings: list[ParseWarning]
) -> ParsedPiece:
    """Return the piece ``fields`` describe; ParseError without a headline, a warning
    when it has no text (a photo's or a package's record still has metadata). A
    standfirst repeating the opening paragraphs (a teaser cut from them) is dropped,
    as TREC's abstract is, and so is a first sub-heading repeating the headline."""
    if not fields.get("headline"):
        raise ParseError(_("the item has no headline"), code="no_headline", line=line)
    blocks = fields.get("blocks", [])
    first = blocks[0] if blocks else None
    if isinstance(first, Subheading) and first.text == fields["headline"]:
        fields["blocks"] = blocks = blocks[1:]
    paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
    standfirst = fields.get("standfirst")
    if standfirst and paragraphs:
        share = repeated_share(standfirst, paragraphs)
        if share >= REPEAT_SHARE:
            del fields["standfirst"]
            message = _(
                "the summary repeats the opening paragraphs (%(share)s of its "
                "words); it is dropped so it is not printed twice"
            )
            warnings.append(
                warning(
                    line, "abstract_repeats_text", message % {"share": f"{share:.0%}"}
                )
            )
    if not fields.get("blocks"):
        warnings.append(
            warning(
                line,
                "empty_text",
                _("the item has a headline but no text; the piece has no blocks"),
            )
        )
    fields.setdefault("blocks", [])
    fields["keywords"] = list(dict.fromkeys(k for k in fields.get("keywords", []) if k))
    fields["sources"] = list(dict.fromkeys(s for s in fields.get("sources", []) if s))
    warnings.sort(key=lambda w: w.line or 0)
    return ParsedPiece(warnings=warnings, **fields)


def xml_document(root: Element) -> str:
    """``root`` as an indented UTF-8 XML document. Writers name elements without
    their namespace and give each format's root an ``xmlns`` attribute, so a NITF
    body inside a NewsML-G2 item reads ``<nitf xmlns="…NITF…">`` and not
    ``<ns1:nitf>``."""
    _indent(root, 0, " ")
    body = tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


#: Inline elements the writers put in text (links and emphasis): an element holding
#: one is text, where white space is part of the words, so it is not indented.
INLINE = frozenset({"a", "em"})


def _indent(element: Element, level: int, space: str) -> None:
    """``xml.etree.ElementTree.indent``, but leaving text with inline elements (see
    ``INLINE``) exactly as written."""
    children = list(element)
    if not children or any(child.tag in INLINE for child in children):
        return
    inner = "\n" + space * (level + 1)
    if not element.text or not element.text.strip():
        element.text = inner
    for child in children:
        _indent(child, level + 1, space)
        if not child.tail or not child.tail.strip():
            child.tail = inner
    if not children[-1].tail.strip():
        children[-1].tail = "\n" + space * level
