"""Reading an XML file from outside without letting it reach anything: defusedxml
over ``xml.etree`` refuses entity declarations (the billion laughs) and external
entities (XXE); an external DTD named by a DOCTYPE is never fetched. Every element
keeps the line it starts on, for messages and for the limits' checks.

This is the only module that parses XML; the others import ``xml.etree`` to build and
walk trees (``# nosec B405`` on those imports says so to bandit).
"""

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, TreeBuilder  # nosec B405
from xml.etree.ElementTree import ParseError as XMLSyntaxError  # nosec B405

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ingest.importer.messages import _
from ingest.importer.structure import ParseError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class XmlDocument:
    """A parsed document: its root and the line each element starts on."""

    root: Element
    lines: dict[Element, int] = field(default_factory=dict)

    def line(self, element: Element | None) -> int | None:
        return self.lines.get(element) if element is not None else None


class _LineBuilder(TreeBuilder):
    def __init__(self, lines: dict):
        super().__init__()
        self.lines = lines
        self.parser = None

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.lines[element] = self.parser.parser.CurrentLineNumber
        return element


def parse_xml(text: str) -> XmlDocument:
    """Return the document ``text`` holds; ParseError (code ``bad_xml`` with the
    line, or ``xml_entities`` for a declared or external entity) otherwise."""
    lines: dict[Element, int] = {}
    builder = _LineBuilder(lines)
    parser = DefusedXMLParser(target=builder)
    builder.parser = parser
    try:
        parser.feed(text)
        root = parser.close()
    except DefusedXmlException:
        raise ParseError(
            _(
                "the XML declares entities or refers to external ones; such files "
                "are refused (they can expand without end or read other files)"
            ),
            code="xml_entities",
            line=parser.parser.CurrentLineNumber,
        ) from None
    except XMLSyntaxError as error:
        line, _column = error.position
        raise ParseError(
            _("not well-formed XML (%(reason)s)") % {"reason": _reason(error)},
            code="bad_xml",
            line=line or None,
        ) from None
    return XmlDocument(root, lines)


def _reason(error: XMLSyntaxError) -> str:
    """Expat's reason without its own ": line N, column M" (the message says it)."""
    return str(error).split(":")[0]


def local(tag) -> str:
    """The tag's name without its namespace (``{ns}p`` → ``p``); "" for comments."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element: Element | None, name: str) -> list[Element]:
    """The child elements named ``name`` (local name); [] for None."""
    if element is None:
        return []
    return [child for child in element if local(child.tag) == name]


def attr(element: Element | None, name: str) -> str | None:
    """The attribute's value, None when missing or when ``element`` is None."""
    return None if element is None else element.get(name)


def child(element: Element | None, *path: str) -> Element | None:
    """The first element down ``path`` (local names), or None."""
    for name in path:
        if element is None:
            return None
        element = next((c for c in element if local(c.tag) == name), None)
    return element


def text_of(element: Element | None) -> str:
    """All the text inside ``element`` with white space folded; "" for None."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
