"""Body markup to blocks: the NITF ``body.content`` and XHTML of NewsML-G2 items, and
the HTML bodies of ninjs items, read by one walker.

``p``, ``li``, ``blockquote`` and the like are paragraphs; ``h1``-``h6`` and NITF's
``hl2`` are sub-headings; NITF ``media`` and XHTML ``figure`` (or a lone ``img``) are
figures, their caption from ``media-caption``/``figcaption`` (or the ``alt`` or
``alternate-text`` of the picture, which is the description otherwise), their
credit from ``media-producer`` (or a ``cite``/``small`` in the caption). Text loose
in a container (``div``, ``section``, a bare body) becomes a paragraph of its own.
Scripts, styles, ``head`` and NITF's ``body.head``/``body.end`` are skipped.
"""

from html.parser import HTMLParser
from xml.etree.ElementTree import Element  # nosec B405

from ingest.importer.credits import NO_KNOWN_CREDITS, KnownCredits
from ingest.importer.safexml import local
from ingest.importer.structure import Block, Figure, Paragraph, Subheading
from ingest.importer.tidy import tidy

PARAGRAPHS = frozenset(
    {"p", "li", "blockquote", "pre", "dd", "dt", "td", "th", "tagline", "bq"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "hl2"})
FIGURES = frozenset({"media", "figure"})
CAPTIONS = frozenset({"media-caption", "figcaption"})
CREDITS = frozenset({"media-producer", "cite", "small"})
SKIPPED = frozenset(
    {"script", "style", "head", "title", "body.head", "body.end", "template"}
)
#: Elements that end the text before them (containers and breaks between blocks).
CONTAINERS = frozenset(
    {"div", "section", "article", "body", "body.content", "block", "html", "ul", "ol"}
    | {"dl", "table", "tr", "header", "footer", "main", "aside", "nitf", "br"}
)


class BlockWalker:
    """Collects blocks from start/end/text events (see the module docstring)."""

    def __init__(
        self,
        *,
        strict: bool = False,
        line: int = 1,
        known: KnownCredits = NO_KNOWN_CREDITS,
    ):
        self.strict = strict
        self.known = known
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.line = line
        self.skipping = 0
        self.figure: dict | None = None
        self.parts: list[str] = []  # "caption" and "credit" inside a figure

    def start(self, name: str, attrs: dict, line: int | None) -> None:
        if self.skipping or name in SKIPPED:
            self.skipping += 1
            return
        if self.figure is not None:
            if name in CAPTIONS:
                self.parts.append("caption")
            elif name in CREDITS:
                self.parts.append("credit")
            elif alt := attrs.get("alt") or attrs.get("alternate-text"):
                self.figure["alt"] = alt
            return
        if name in FIGURES or (name == "img" and attrs.get("alt")):
            self._flush(Paragraph)
            self.figure = {"caption": [], "credit": [], "alt": attrs.get("alt")}
            self.figure["line"] = line or self.line
            if name == "img":
                self._end_figure()
            return
        if name in PARAGRAPHS or name in HEADINGS or name in CONTAINERS:
            self._flush(Paragraph)
            self.line = line or self.line

    def end(self, name: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        if self.figure is not None:
            if name in FIGURES:
                self._end_figure()
            elif (name in CAPTIONS or name in CREDITS) and self.parts:
                self.parts.pop()
            return
        if name in HEADINGS:
            self._flush(Subheading)
        elif name in PARAGRAPHS or name in CONTAINERS:
            self._flush(Paragraph)

    def data(self, text: str) -> None:
        if self.skipping:
            return
        if self.figure is not None:
            if self.parts:
                self.figure[self.parts[-1]].append(text)
            return
        self.text.append(text)

    def close(self) -> list[Block]:
        self._flush(Paragraph)
        return self.blocks

    def _flush(self, kind) -> None:
        text = tidy("".join(self.text), strict=self.strict)
        self.text = []
        if text:
            self.blocks.append(kind(text, self.line))

    def _end_figure(self) -> None:
        figure, self.figure, self.parts = self.figure, None, []
        caption = tidy("".join(figure["caption"]), strict=self.strict)
        credit = tidy("".join(figure["credit"]), strict=self.strict)
        alt = tidy(figure["alt"] or "", strict=self.strict) or None
        if caption or alt:
            self.blocks.append(
                Figure.read(
                    alt,
                    caption or alt,
                    credit or None,
                    figure["line"],
                    known=self.known,
                )
            )


def element_blocks(
    element: Element,
    lines: dict,
    *,
    strict: bool = False,
    known: KnownCredits = NO_KNOWN_CREDITS,
) -> list[Block]:
    """The blocks of an XML body (NITF ``body``, XHTML ``html`` or ``body``); a
    figure's credit is split with the ``known`` credits."""
    walker = BlockWalker(strict=strict, line=lines.get(element, 1), known=known)

    def walk(node: Element) -> None:
        name = local(node.tag)
        walker.start(name, node.attrib, lines.get(node))
        walker.data(node.text or "")
        for inner in node:
            walk(inner)
            walker.data(inner.tail or "")
        walker.end(name)

    walk(element)
    return walker.close()


class _HTMLBlocks(HTMLParser):
    VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "source"})

    def __init__(self, walker: BlockWalker, first_line: int):
        super().__init__(convert_charrefs=True)
        self.walker = walker
        self.first_line = first_line

    def handle_starttag(self, tag, attrs):
        line = self.first_line + self.getpos()[0] - 1
        self.walker.start(tag, {k: v or "" for k, v in attrs}, line)
        if tag in self.VOID and tag != "img":
            self.walker.end(tag)

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.walker.end(tag)

    def handle_data(self, data):
        self.walker.data(data)


def html_blocks(
    html: str,
    *,
    strict: bool = False,
    line: int = 1,
    known: KnownCredits = NO_KNOWN_CREDITS,
) -> list[Block]:
    """The blocks of an HTML fragment or document; ``line`` is where it starts, a
    figure's credit is split with the ``known`` credits."""
    walker = BlockWalker(strict=strict, line=line, known=known)
    parser = _HTMLBlocks(walker, line)
    parser.feed(html)
    parser.close()
    return walker.close()


def text_blocks(text: str, *, strict: bool = False, line: int = 1) -> list[Block]:
    """The paragraphs of plain text: one per non-blank line."""
    blocks: list[Block] = []
    for offset, raw in enumerate(text.splitlines()):
        if paragraph := tidy(raw, strict=strict):
            blocks.append(Paragraph(paragraph, line + offset))
    return blocks
