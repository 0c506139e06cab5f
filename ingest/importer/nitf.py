"""NITF 3.x documents, alone or inside a NewsML-G2 item's ``inlineXML``.

``hedline/hl1`` is the headline and ``hl2`` the standfirst (else ``abstract``);
``byline``, ``dateline`` (its ``location``), ``distributor`` (the source) come from
``body.head``; the blocks from ``body.content`` (see ``markup``). From ``head``:
``title`` (a headline of last resort), ``docdata``'s ``doc-id`` (the guid),
``du-key`` (the version), ``date.issue`` (first created), ``date.release`` (an
embargo), ``management-status``, ``doc.copyright`` (the source when nothing else
names one) and the ``key-list``; ``tobject.subject`` names are keywords too.
"""

from xml.etree.ElementTree import Element

from ingest.importer.markup import element_blocks
from ingest.importer.safexml import (
    XML_LANG,
    XmlDocument,
    attr,
    child,
    children,
    text_of,
)
from ingest.importer.structure import ParsedPiece
from ingest.importer.tidy import tidy
from ingest.importer.wire import finish, pub_status, wire_time, wire_version


def parse_nitf(doc: XmlDocument, *, strict: bool = False) -> ParsedPiece:
    """Return the piece of a standalone NITF document."""
    warnings: list = []
    fields = nitf_fields(doc, doc.root, strict=strict, warnings=warnings)
    return finish(
        {"format": "nitf", **fields}, line=doc.line(doc.root), warnings=warnings
    )


def nitf_fields(doc: XmlDocument, nitf: Element, *, strict: bool, warnings) -> dict:
    """The piece's fields an ``nitf`` element gives (only those it sets)."""

    def clean(element) -> str | None:
        return tidy(text_of(element), strict=strict) or None

    body = child(nitf, "body")
    head = child(body, "body.head")
    docdata = child(nitf, "head", "docdata")
    hedline = child(head, "hedline")
    standfirst = clean(child(hedline, "hl2")) or clean(child(head, "abstract"))
    fields = {
        "headline": clean(child(hedline, "hl1")) or clean(child(nitf, "head", "title")),
        "standfirst": standfirst,
        "byline": clean(child(head, "byline")),
        "located": clean(child(head, "dateline", "location"))
        or clean(child(head, "dateline")),
        "language": nitf.get(XML_LANG) or attr(body, XML_LANG),
        "sources": [
            tidy(name, strict=strict)
            for name in (
                text_of(child(head, "distributor")),
                attr(child(docdata, "doc.copyright"), "holder"),
            )
            if name
        ][:1],
        "keywords": [
            tidy(attr(keyword, "key") or "", strict=strict)
            for keyword in children(child(docdata, "key-list"), "keyword")
        ]
        + [
            tidy(attr(subject, "tobject.subject.matter") or "", strict=strict)
            for subject in children(child(nitf, "head", "tobject"), "tobject.subject")
        ],
        "external_id": attr(child(docdata, "doc-id"), "id-string"),
        "pub_status": pub_status(attr(docdata, "management-status")),
    }
    for name, element, key, read in (
        ("version", "du-key", "version", wire_version),
        ("published_at", "date.issue", "norm", wire_time),
        ("embargoed", "date.release", "norm", wire_time),
    ):
        element = child(docdata, element)
        fields[name] = read(attr(element, key), doc.line(element), warnings)
    content = child(body, "body.content")
    if content is not None:
        fields["blocks"] = element_blocks(content, doc.lines, strict=strict)
    return {key: value for key, value in fields.items() if value not in (None, "", [])}
