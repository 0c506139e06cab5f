"""The article body notation: plain text that keeps the piece's structure.

    A paragraph is a block of text; blocks are separated by blank lines. It may
    hold **bold**, *italic* and [links](https://example.com/) (see ``notation``).

    ## A sub-heading is a line that starts with two hash signs

    [[صورة 2]]      <- places figure number 2 (the caption with position 2) here

    > A quotation: lines starting with ">"
    > — its attribution, on a last line starting with a dash (optional)

    - a bulleted list: lines starting with "- " or "* "
    1. a numbered list: lines starting with a number and "." or ")"

    https://www.youtube.com/watch?v=…   <- an embed: a known provider's address alone
                                           on a line (see ``embeds``)

Lines inside one paragraph (or list item, or quotation) are joined with a space.
``[[figure 2]]`` and Eastern digits (``[[صورة ٢]]``) are accepted too. Nothing in
the body is ever read as HTML. Sub-headings are plain text.
"""

import functools
import re
from dataclasses import dataclass, field
from typing import ClassVar

from .embeds import Embed, find_embed
from .notation import escape_text, plain_text, unescape_text
from .text import EASTERN_DIGITS, fold_spaces

SUBHEADING_PREFIX = "## "
QUOTE_PREFIX = "> "
ATTRIBUTION_PREFIX = "— "
BULLET_PREFIX = "- "
QUOTE_RE = re.compile(r"^>\s?(.*)$")
ATTRIBUTION_RE = re.compile(r"^(?:—|--)\s*(.+)$")
BULLET_RE = re.compile(r"^[-*]\s+(.+)$")
NUMBER_RE = re.compile(r"^([0-9٠-٩۰-۹]{1,9})[.)]\s+(.+)$")
#: The largest number of a numbered list's item (the notation reads nine digits).
MAX_LIST_NUMBER = 10**9 - 1
FIGURE_RE = re.compile(
    r"^\[\[\s*(?:صورة|figure)\s+([0-9٠-٩۰-۹]+)\s*\]\]$", re.IGNORECASE
)


# The blocks of a body. The importer reads pieces into the same Paragraph and
# Subheading (a piece's figures carry their caption and credit instead of a number).
# ``line`` is where the block starts (1-based; 0 when it was not read from text).
# ``kind`` names the block for templates and for code that does not import the types.


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    text: str
    line: int = 0
    kind: ClassVar[str] = "paragraph"
    figure: ClassVar[None] = None

    @property
    def plain(self) -> str:
        """The words a reader reads, without the notation's marks."""
        return plain_text(self.text)


@dataclass(frozen=True)
class Subheading:
    """A sub-heading."""

    text: str
    line: int = 0
    kind: ClassVar[str] = "subheading"
    figure: ClassVar[None] = None

    @property
    def plain(self) -> str:
        return self.text


@dataclass(frozen=True)
class FigureMarker:
    """``[[صورة N]]``: places the figure numbered ``figure`` here. Laid out for a page
    (``Article.layout()``), it carries the figure's ``caption`` object too, or None
    when the article has no figure with that number."""

    figure: int
    line: int = 0
    caption: object = field(default=None, compare=False, repr=False)
    kind: ClassVar[str] = "figure"
    text: ClassVar[str] = ""
    plain: ClassVar[str] = ""


@dataclass(frozen=True)
class Quote:
    """A block quotation: ``text`` in the inline notation, and who said it
    (``attribution``, also inline notation; empty when the body names nobody)."""

    text: str
    attribution: str = ""
    line: int = 0
    kind: ClassVar[str] = "quote"
    figure: ClassVar[None] = None

    @property
    def plain(self) -> str:
        return "\n".join(plain_text(t) for t in (self.text, self.attribution) if t)


@dataclass(frozen=True)
class ItemList:
    """A bulleted (or, ``ordered``, numbered) list: each item in the inline notation.
    A numbered list counts from ``start``, the number its writer gave its first item
    (a list taken up again after a paragraph goes on from 3, say)."""

    items: tuple[str, ...]
    ordered: bool = False
    line: int = 0
    start: int = 1
    kind: ClassVar[str] = "list"
    figure: ClassVar[None] = None

    @property
    def text(self) -> str:
        return "\n".join(self.items)

    @property
    def plain(self) -> str:
        return "\n".join(plain_text(item) for item in self.items)


@dataclass(frozen=True)
class EmbedMarker:
    """A third party's post or video placed by its address (see ``embeds``)."""

    embed: Embed
    line: int = 0
    kind: ClassVar[str] = "embed"
    figure: ClassVar[None] = None
    text: ClassVar[str] = ""
    plain: ClassVar[str] = ""


BodyBlock = Paragraph | Subheading | FigureMarker | Quote | ItemList | EmbedMarker


def figure_marker(number: int) -> str:
    return f"[[صورة {number}]]"


def parse_body(body: str) -> list[BodyBlock]:
    """Return the blocks of a body written in the notation, in order. A save reads
    the same body several times (rendering, search keys, checks): the blocks of the
    latest bodies are kept (they are immutable; the list is a copy)."""
    return list(_parse_body(body))


@functools.lru_cache(maxsize=64)
def _parse_body(body: str) -> tuple[BodyBlock, ...]:
    return tuple(_Reader().read(body))


class _Reader:
    """Reads a body line by line. An open block (a paragraph, quotation or list)
    takes the following lines until a blank line or a line that starts another kind
    of block; a plain line right after a quotation or a list item continues it."""

    def __init__(self):
        self.blocks: list[BodyBlock] = []
        self.open: str | None = None  # "paragraph", "quote", "bullet" or "number"
        self.lines: list[list[str]] = []  # the open block's parts, each a list of lines
        self.start = 0
        self.first_number = 1  # the number of an open numbered list's first item

    def read(self, body: str) -> list[BodyBlock]:
        for number, raw in enumerate(
            body.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1
        ):
            self.line(fold_spaces(raw), number)
        self.flush()
        return self.blocks

    def line(self, line: str, number: int) -> None:
        if not line:
            self.flush()
        elif figure := FIGURE_RE.match(line):
            self.flush()
            figure_number = int(figure[1].translate(EASTERN_DIGITS))
            self.blocks.append(FigureMarker(figure_number, line=number))
        elif line.startswith("##"):
            self.flush()
            if text := line.lstrip("#").strip():
                self.blocks.append(Subheading(text, line=number))
        elif embed := find_embed(line):
            self.flush()
            self.blocks.append(EmbedMarker(embed, line=number))
        elif quote := QUOTE_RE.match(line):
            self.add("quote", quote[1].strip(), number, new_part=True)
        elif item := BULLET_RE.match(line):
            self.add("bullet", item[1], number, new_part=True)
        elif item := NUMBER_RE.match(line):
            if self.open != "number":
                self.first_number = int(item[1].translate(EASTERN_DIGITS))
            self.add("number", item[2], number, new_part=True)
        else:
            self.add(self.open or "paragraph", line, number, new_part=False)

    def add(self, kind: str, text: str, number: int, *, new_part: bool) -> None:
        if kind != self.open:
            self.flush()
            self.open, self.start = kind, number
        if new_part or not self.lines:
            self.lines.append([])
        if text:
            self.lines[-1].append(text)

    def flush(self) -> None:
        parts = [fold_spaces(" ".join(part)) for part in self.lines]
        parts = [part for part in parts if part]
        kind, line = self.open, self.start
        self.open, self.lines = None, []
        if not parts:
            return
        if kind == "paragraph":
            self.blocks.append(Paragraph(parts[0], line=line))
        elif kind == "quote":
            attribution = ATTRIBUTION_RE.match(parts[-1]) if len(parts) > 1 else None
            if attribution:
                parts = parts[:-1]
            text = " ".join(parts)
            who = attribution[1] if attribution else ""
            self.blocks.append(Quote(text, who, line=line))
        else:
            ordered = kind == "number"
            # Every number written back must read as one again (nine digits at most).
            start = min(self.first_number, MAX_LIST_NUMBER + 1 - len(parts))
            self.blocks.append(
                ItemList(
                    tuple(parts), ordered, line=line, start=start if ordered else 1
                )
            )


def escape_body(body: str) -> str:
    """Return ``body`` written so that it reads as it did before the notation had
    links, emphasis, quotations, lists and embeds: the characters those would take
    are kept literal with a backslash in its paragraphs (figure markers and
    sub-headings are left as they are). Bodies without such characters are returned
    unchanged, line breaks and spaces included."""
    return _map_text_lines(body, escape_text)


def unescape_body(body: str) -> str:
    """Return the body :func:`escape_body` was given (its exact inverse)."""
    return _map_text_lines(body, unescape_text)


def _map_text_lines(body: str, change) -> str:
    lines = body.split("\n")
    for index, raw in enumerate(lines):
        line = fold_spaces(raw)
        if line and not FIGURE_RE.match(line) and not line.startswith("##"):
            lines[index] = change(raw)
    return "\n".join(lines)


def render_body(blocks) -> str:
    """Return the notation for ``blocks`` (the inverse of :func:`parse_body`)."""
    parts = []
    for block in blocks:
        if block.kind == "figure":
            parts.append(figure_marker(block.figure))
        elif block.kind == "subheading":
            parts.append(SUBHEADING_PREFIX + fold_spaces(block.text))
        elif block.kind == "quote":
            lines = [QUOTE_PREFIX + fold_spaces(block.text)]
            if block.attribution:
                lines.append(QUOTE_PREFIX + ATTRIBUTION_PREFIX + block.attribution)
            parts.append("\n".join(lines))
        elif block.kind == "list":
            parts.append(
                "\n".join(
                    (f"{n}. " if block.ordered else BULLET_PREFIX) + fold_spaces(item)
                    for n, item in enumerate(block.items, block.start)
                )
            )
        elif block.kind == "embed":
            parts.append(block.embed.url)
        else:
            parts.append(fold_spaces(block.text))
    return "\n\n".join(parts)
