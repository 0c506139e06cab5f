"""NITF 3.x documents, alone or inside a NewsML-G2 item's ``inlineXML``: read, and
written (``nitf_text``; it validates against the NITF 3.6 XSD).

``hedline/hl1`` is the headline and ``hl2`` the standfirst (else ``abstract``);
``byline``, ``dateline`` (its ``location``), ``distributor`` (the sources: its
``org`` elements, else its text) come from
``body.head``; the blocks from ``body.content`` (see ``markup``). From ``head``:
``title`` (a headline of last resort), ``docdata``'s ``doc-id`` (the guid),
``du-key`` (the version), ``date.issue`` (first created), ``date.release`` (an
embargo), ``management-status``, ``doc.copyright`` (the source when nothing else
names one) and the ``key-list``; ``tobject.subject`` names are keywords too.
"""

from xml.etree.ElementTree import Element, SubElement  # nosec B405

from articles.body import EmbedMarker, ItemList, Quote
from articles.notation import inline_events
from ingest.importer.credits import NO_KNOWN_CREDITS, KnownCredits
from ingest.importer.markup import element_blocks
from ingest.importer.safexml import (
    XML_LANG,
    XmlDocument,
    attr,
    child,
    children,
    text_of,
)
from ingest.importer.structure import Figure, ParsedPiece, Subheading
from ingest.importer.tidy import tidy
from ingest.importer.wire import (
    finish,
    pub_status,
    wire_time,
    wire_version,
    xml_document,
)

NS = "http://iptc.org/std/NITF/2006-10-18/"
VERSION = "-//IPTC//DTD NITF 3.6//EN"


def parse_nitf(
    doc: XmlDocument, *, strict: bool = False, known: KnownCredits = NO_KNOWN_CREDITS
) -> ParsedPiece:
    """Return the piece of a standalone NITF document; its figures' credits are
    split with the ``known`` credits."""
    warnings: list = []
    fields = nitf_fields(doc, doc.root, strict=strict, warnings=warnings, known=known)
    return finish(
        {"format": "nitf", **fields}, line=doc.line(doc.root), warnings=warnings
    )


def nitf_fields(
    doc: XmlDocument,
    nitf: Element,
    *,
    strict: bool,
    warnings,
    known: KnownCredits = NO_KNOWN_CREDITS,
) -> dict:
    """The piece's fields an ``nitf`` element gives (only those it sets)."""

    def clean(element) -> str | None:
        return tidy(text_of(element), strict=strict) or None

    body = child(nitf, "body")
    head = child(body, "body.head")
    docdata = child(nitf, "head", "docdata")
    hedline = child(head, "hedline")
    distributor = child(head, "distributor")
    orgs = children(distributor, "org")
    standfirst = clean(child(hedline, "hl2")) or clean(child(head, "abstract"))
    fields = {
        "headline": clean(child(hedline, "hl1")) or clean(child(nitf, "head", "title")),
        "standfirst": standfirst,
        "byline": clean(child(head, "byline")),
        "located": clean(child(head, "dateline", "location"))
        or clean(child(head, "dateline")),
        "language": nitf.get(XML_LANG) or attr(body, XML_LANG),
        "sources": [tidy(text_of(org), strict=strict) for org in orgs]
        or [
            tidy(name, strict=strict)
            for name in (
                text_of(distributor),
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
        fields["blocks"] = element_blocks(
            content, doc.lines, strict=strict, known=known
        )
    return {key: value for key, value in fields.items() if value not in (None, "", [])}


def nitf_text(piece: ParsedPiece) -> str:
    """Return ``piece`` as a standalone NITF 3.6 document (UTF-8 XML text): what
    :func:`parse_nitf` reads back, but ``version_created`` (NITF has no slot for it)."""
    return xml_document(nitf_element(piece, standalone=True))


def nitf_element(piece: ParsedPiece, *, standalone: bool) -> Element:
    """The ``nitf`` element of ``piece``; inside a NewsML-G2 item (not
    ``standalone``) only its body, since the item carries the metadata."""
    nitf = Element("nitf", {"xmlns": NS, "version": VERSION})
    if piece.language:
        nitf.set(XML_LANG, piece.language)
    if standalone:
        _head(nitf, piece)
    body = _sub(nitf, "body")
    head = _sub(body, "body.head")
    hedline = _sub(head, "hedline")
    _sub(hedline, "hl1", piece.headline)
    if piece.standfirst:
        _sub(hedline, "hl2", piece.standfirst)
    if standalone and piece.byline:
        _sub(head, "byline", piece.byline)
    if standalone and piece.sources:
        distributor = _sub(head, "distributor")
        for name in piece.sources:
            _sub(distributor, "org", name)
    if standalone and piece.located:
        _sub(_sub(head, "dateline"), "location", piece.located)
    content = _sub(body, "body.content")
    for block in piece.blocks:
        if isinstance(block, Figure):
            media = _sub(content, "media", **{"media-type": "image"})
            reference = _sub(media, "media-reference")
            if block.alt:
                reference.set("alternate-text", block.alt)
            _sub(media, "media-caption", block.caption)
            if block.credit:
                _sub(media, "media-producer", block.credit)
        else:
            _text_block(content, block, piece.notation)
    return nitf


def _text_block(content: Element, block, notation: bool) -> None:
    """Write a text block: in the body notation (``notation``) a quotation as ``bq``
    with its ``credit``, a list as ``ul``/``ol``, an embed as a link, and inside
    them ``em`` (``class="bold"`` for bold) and ``a href``; plain text as it is."""
    if isinstance(block, Subheading):
        _sub(content, "hl2", block.text)
    elif not notation:
        _sub(content, "p", block.text)
    elif isinstance(block, Quote):
        _inline(_sub(_sub(_sub(content, "bq"), "block"), "p"), block.text)
        if block.attribution:
            _inline(_sub(content[-1], "credit"), block.attribution)
    elif isinstance(block, ItemList):
        numbered = {"seqnum": str(block.start)} if block.start != 1 else {}
        items = _sub(content, "ol" if block.ordered else "ul", **numbered)
        for item in block.items:
            _inline(_sub(items, "li"), item)
    elif isinstance(block, EmbedMarker):
        _sub(_sub(content, "p"), "a", block.embed.url, href=block.embed.url)
    else:
        _inline(_sub(content, "p"), block.text)


#: NITF has one element for emphasis; its class says which.
_EM_CLASSES = {"strong": "bold", "em": "italic"}


def _inline(parent: Element, text: str) -> None:
    """Fill ``parent`` with the inline notation ``text``: text, ``em`` for bold and
    italic, ``a href`` for links."""
    stack = [parent]
    for event, value, href in inline_events(text):
        if event == "open":
            attrs = {"href": href} if value == "a" else {"class": _EM_CLASSES[value]}
            stack.append(_sub(stack[-1], "a" if value == "a" else "em", **attrs))
        elif event == "close":
            stack.pop()
        elif len(stack[-1]):
            stack[-1][-1].tail = (stack[-1][-1].tail or "") + value
        else:
            stack[-1].text = (stack[-1].text or "") + value


def _head(nitf: Element, piece: ParsedPiece) -> None:
    head = _sub(nitf, "head")
    _sub(head, "title", piece.headline)
    docdata = _sub(head, "docdata")
    if piece.pub_status:
        docdata.set("management-status", piece.pub_status)
    if piece.external_id:
        _sub(docdata, "doc-id", **{"id-string": piece.external_id})
    if piece.published_at:
        _sub(docdata, "date.issue", norm=piece.published_at.isoformat())
    if piece.embargoed:
        _sub(docdata, "date.release", norm=piece.embargoed.isoformat())
    if piece.version is not None:
        _sub(docdata, "du-key", version=str(piece.version))
    if piece.keywords:
        keywords = _sub(docdata, "key-list")
        for keyword in piece.keywords:
            _sub(keywords, "keyword", key=keyword)


def _sub(parent: Element, name: str, text: str | None = None, **attrs) -> Element:
    element = SubElement(parent, name, attrs)
    element.text = text
    return element
