"""NewsML-G2 items: a ``newsItem`` (text or picture), a ``packageItem``, or the first
item of a ``newsMessage``; read, and written (``newsml_text``: a text item with an NITF
body, valid against the 2.35 Power XSD).

The item gives its guid and version (attributes), ``xml:lang`` (or
``contentMeta/language``), and from ``itemMeta`` the provider (the agency, the
first source), ``firstCreated`` (else ``contentCreated``), ``versionCreated``,
``embargoed`` and ``pubStatus``. ``contentMeta`` gives the headline (a
``headline`` with a ``sub`` role, else a summary ``description``, is the
standfirst), the creators (the byline), ``located`` (else the ``dateline``),
``infoSource`` names (more sources), subjects' names and keywords.

The text is the ``contentSet``: ``inlineXML`` holding NITF (see ``nitf``; what the
item's own metadata leaves unset comes from there) or XHTML, or ``inlineData``
(plain text, one paragraph a line, or HTML). A picture item is one figure: its
headline as the description, its caption ``description`` as the caption, its
``creditline`` (else photographer) as the credit; the photo file itself is not in
the XML. A package lists what it refers to: a picture as a figure, anything else as
its title (a sub-heading) and its summary (a paragraph).
"""

from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement  # nosec B405

from ingest.importer.credits import NO_KNOWN_CREDITS, KnownCredits
from ingest.importer.markup import element_blocks, html_blocks, text_blocks
from ingest.importer.messages import _
from ingest.importer.nitf import nitf_element, nitf_fields
from ingest.importer.safexml import (
    XML_LANG,
    XmlDocument,
    attr,
    child,
    children,
    local,
    text_of,
)
from ingest.importer.structure import Figure, Paragraph, ParsedPiece, Subheading
from ingest.importer.structure import warning as make_warning
from ingest.importer.tidy import tidy
from ingest.importer.wire import (
    direction,
    finish,
    pub_status,
    wire_time,
    wire_version,
    xml_document,
)

NS = "http://iptc.org/std/nar/2006-10-01/"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_32.xml"
ITEMS = frozenset({"newsItem", "packageItem"})
ROOTS = ITEMS | {"newsMessage"}
PICTURES = frozenset({"ninat:picture", "ninat:graphic"})


def parse_newsml(
    doc: XmlDocument, *, strict: bool = False, known: KnownCredits = NO_KNOWN_CREDITS
) -> ParsedPiece:
    """Return the piece of a NewsML-G2 item (the first one of a message); its
    figures' credits are split with the ``known`` credits."""
    warnings: list = []
    item = doc.root
    if local(item.tag) == "newsMessage":
        items = [e for e in item.iter() if local(e.tag) in ITEMS]
        if len(items) > 1:
            message = _("another item starts here; only the first item is read")
            warnings.append(
                make_warning(doc.line(items[1]), "multiple_documents", message)
            )
        item = items[0] if items else None
    if item is None:
        return finish({"format": "newsml-g2"}, line=doc.line(doc.root), warnings=[])
    fields = _item_fields(doc, item, strict, warnings, known)
    return finish(fields, line=doc.line(item), warnings=warnings)


def _item_fields(
    doc: XmlDocument, item: Element, strict: bool, warnings, known: KnownCredits
) -> dict:
    def clean(value) -> str | None:
        if isinstance(value, Element) or value is None:
            value = text_of(value)
        return tidy(value, strict=strict) or None

    meta = child(item, "itemMeta")
    content = child(item, "contentMeta")
    language = attr(child(content, "language"), "tag") or item.get(XML_LANG)
    headlines = children(content, "headline")
    main = [h for h in headlines if "sub" not in (h.get("role") or "")]
    sub = [h for h in headlines if "sub" in (h.get("role") or "")]
    summary = [
        d for d in children(content, "description") if "summ" in (d.get("role") or "")
    ]
    is_picture = attr(child(meta, "itemClass"), "qcode") in PICTURES
    creators = [clean(child(c, "name")) for c in children(content, "creator")]
    fields = {
        "format": "newsml-g2",
        "external_id": item.get("guid"),
        "version": wire_version(item.get("version"), doc.line(item), warnings),
        "language": language,
        "headline": clean(main[0] if main else child(meta, "title")),
        "standfirst": clean(sub[0] if sub else None)
        or (None if is_picture else clean(summary[0] if summary else None)),
        "byline": None if is_picture else ", ".join(filter(None, creators)) or None,
        "located": clean(child(content, "located", "name"))
        or clean(child(content, "dateline")),
        "sources": [_provider(child(meta, "provider"), clean)]
        + [clean(child(s, "name")) for s in children(content, "infoSource")],
        "keywords": [_name(s, language, clean) for s in children(content, "subject")]
        + [clean(k) for k in children(content, "keyword")],
        "pub_status": pub_status(attr(child(meta, "pubStatus"), "qcode")),
    }
    for name, element in (
        ("published_at", child(meta, "firstCreated")),
        ("published_at", child(content, "contentCreated")),
        ("version_created", child(meta, "versionCreated")),
        ("embargoed", child(meta, "embargoed")),
    ):
        if element is not None and not fields.get(name):
            fields[name] = wire_time(text_of(element), doc.line(element), warnings)
    if is_picture:
        fields["blocks"] = _picture(doc, item, content, creators, fields, clean, known)
    elif local(item.tag) == "packageItem":
        fields["blocks"] = _package(doc, item, clean)
    else:
        inner = _content(doc, child(item, "contentSet"), strict, warnings, known)
        fields |= {k: v for k, v in inner.items() if not fields.get(k)}
    return {key: value for key, value in fields.items() if value not in (None, "", [])}


def _content(
    doc: XmlDocument, content_set, strict: bool, warnings, known: KnownCredits
) -> dict:
    """The fields the item's text gives: NITF's, or just the blocks."""
    for content in content_set if content_set is not None else ():
        kind = local(content.tag)
        line = doc.line(content)
        if kind == "inlineXML":
            for inner in content:
                if local(inner.tag) == "nitf":
                    return nitf_fields(
                        doc, inner, strict=strict, warnings=warnings, known=known
                    )
                if local(inner.tag) in ("html", "body", "div", "article", "section"):
                    body = child(inner, "body") if local(inner.tag) == "html" else inner
                    blocks = element_blocks(body, doc.lines, strict=strict, known=known)
                    return {"blocks": blocks}
        elif kind == "inlineData":
            text = content.text or ""
            if "html" in (content.get("contenttype") or ""):
                blocks = html_blocks(text, strict=strict, line=line, known=known)
                return {"blocks": blocks}
            return {"blocks": text_blocks(text, strict=strict, line=line)}
    return {}


def _picture(doc, item, content, creators, fields, clean, known) -> list:
    """A picture item as one figure (its file is not in the XML)."""
    caption = next(
        (
            d
            for d in children(content, "description")
            if "capt" in (d.get("role") or "")
        ),
        None,
    )
    credit = clean(child(content, "creditline")) or next(filter(None, creators), None)
    alt = fields.get("headline")
    text = clean(caption) or alt
    if not text:
        return []
    line = doc.line(caption) or doc.line(item) or 1
    return [Figure.read(alt, text, credit, line, known=known)]


def _package(doc, item, clean) -> list:
    """What a package refers to: pictures as figures, other items as title and
    summary."""
    blocks = []
    for ref in item.iter():
        if local(ref.tag) != "itemRef":
            continue
        line = doc.line(ref) or 1
        title = clean(child(ref, "title"))
        summary = clean(child(ref, "description"))
        if attr(child(ref, "itemClass"), "qcode") in PICTURES:
            if summary or title:
                blocks.append(Figure(title, summary or title, None, line))
            continue
        if title:
            blocks.append(Subheading(title, line))
        if summary:
            blocks.append(
                Paragraph(summary, doc.line(child(ref, "description")) or line)
            )
    return blocks


def _provider(provider, clean) -> str | None:
    """The agency's name: the provider's name, the code of its qcode, its site."""
    if provider is None:
        return None
    if name := clean(child(provider, "name")):
        return name
    if qcode := provider.get("qcode"):
        return clean(qcode.split(":", 1)[-1])
    return clean(urlsplit(provider.get("uri") or "").hostname or "")


def _name(concept, language: str | None, clean) -> str | None:
    """A subject's name in the item's language if it has one, else its first name."""
    names = children(concept, "name")
    chosen = next((n for n in names if n.get(XML_LANG) == language), None)
    return clean(chosen if chosen is not None else (names[0] if names else None))


def newsml_text(piece: ParsedPiece, *, provider: str) -> str:
    """Return ``piece`` as a NewsML-G2 2.35 text item with an NITF body (UTF-8 XML),
    from ``provider`` (the newsroom, a literal). ``parse`` reads back the same
    structure; the piece needs what the format requires: its guid (``external_id``),
    a version of 1 or more and the time of that version (``version_created``)."""
    if not (piece.external_id and piece.version and piece.version_created):
        raise ValueError("a NewsML-G2 item needs its guid, version and version time")
    item = Element(
        "newsItem",
        {
            "xmlns": NS,
            "guid": piece.external_id,
            "version": str(piece.version),
            "standard": "NewsML-G2",
            "standardversion": "2.35",
            "conformance": "power",
        },
    )
    if piece.language:
        item.set(XML_LANG, piece.language)
        item.set("dir", direction(piece.language))
    SubElement(item, "catalogRef", href=CATALOG)
    meta = SubElement(item, "itemMeta")
    SubElement(meta, "itemClass", qcode="ninat:text")
    SubElement(meta, "provider", literal=provider)
    _text(meta, "versionCreated", _time(piece.version_created))
    _text(meta, "firstCreated", _time(piece.published_at))
    _text(meta, "embargoed", _time(piece.embargoed))
    if piece.pub_status:
        SubElement(meta, "pubStatus", qcode=f"stat:{piece.pub_status}")
    content = SubElement(item, "contentMeta")
    if piece.located:
        _text(SubElement(content, "located"), "name", piece.located)
    if piece.byline:
        _text(SubElement(content, "creator"), "name", piece.byline)
    for name in piece.sources:
        _text(SubElement(content, "infoSource"), "name", name)
    if piece.language:
        SubElement(content, "language", tag=piece.language)
    for keyword in piece.keywords:
        _text(content, "keyword", keyword)
    _text(content, "headline", piece.headline)
    _text(content, "description", piece.standfirst, role="drol:summary")
    inline = SubElement(
        SubElement(item, "contentSet"),
        "inlineXML",
        contenttype="application/nitf+xml",
    )
    inline.append(nitf_element(piece, standalone=False))
    return xml_document(item)


def _text(parent: Element, name: str, text: str | None, **attrs) -> None:
    if text:
        SubElement(parent, name, attrs).text = text


def _time(moment) -> str | None:
    return moment.isoformat() if moment else None
