"""Reading HTML in tests as a browser would, instead of searching it for substrings:
``elements(html, "input", name="_transition", value="submit")`` finds the inputs with
those attributes wherever they stand and however their attributes are ordered or
quoted."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements that have no end tag.
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    _parts: list[str] = field(default_factory=list, repr=False)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.found.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.found.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                for element in self.open[index:]:
                    element.text = " ".join("".join(element._parts).split())
                del self.open[index:]
                return

    def handle_data(self, data):
        for element in self.open:
            element._parts.append(data)


def elements(html, tag: str | None = None, *, text: str | None = None, **attrs):
    """Return the elements of ``html`` (str, bytes or a response) named ``tag`` (any
    when None) that have every attribute of ``attrs`` (``class_="a b"``: at least those
    classes; ``data_for``: ``data-for``; ``True``: present with any value) and, with
    ``text``, whose text (white space folded) contains it."""
    if hasattr(html, "content"):
        html = html.content
    if isinstance(html, bytes):
        html = html.decode()
    collector = _Collector()
    collector.feed(html)
    collector.close()
    for element in collector.open:
        element.text = " ".join("".join(element._parts).split())
    wanted = {
        name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()
    }
    return [
        element
        for element in collector.found
        if (tag is None or element.tag == tag)
        and all(_matches(element, name, value) for name, value in wanted.items())
        and (text is None or text in element.text)
    ]


def _matches(element: Element, name: str, value) -> bool:
    if value is True:
        return name in element.attrs
    if name == "class":
        return set(value.split()) <= element.classes
    return element.attrs.get(name) == value
