"""The article body notation: plain text that keeps the piece's structure.

    A paragraph is a block of text; blocks are separated by blank lines.

    ## A sub-heading is a line that starts with two hash signs

    [[صورة 2]]      <- places figure number 2 (the caption with position 2) here

Lines inside one paragraph are joined with a space. ``[[figure 2]]`` and Eastern
digits (``[[صورة ٢]]``) are accepted too. Nothing in the body is ever read as HTML.
"""

import functools
import re
from dataclasses import dataclass, field
from typing import ClassVar

from .text import EASTERN_DIGITS, fold_spaces

SUBHEADING_PREFIX = "## "
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


@dataclass(frozen=True)
class Subheading:
    """A sub-heading."""

    text: str
    line: int = 0
    kind: ClassVar[str] = "subheading"
    figure: ClassVar[None] = None


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


BodyBlock = Paragraph | Subheading | FigureMarker


def figure_marker(number: int) -> str:
    return f"[[صورة {number}]]"


def parse_body(body: str) -> list[BodyBlock]:
    """Return the blocks of a body written in the notation, in order. A save reads
    the same body several times (rendering, search keys, checks): the blocks of the
    latest bodies are kept (they are immutable; the list is a copy)."""
    return list(_parse_body(body))


@functools.lru_cache(maxsize=64)
def _parse_body(body: str) -> tuple[BodyBlock, ...]:
    blocks: list[BodyBlock] = []
    paragraph: list[str] = []
    start = 0

    def flush():
        if paragraph:
            blocks.append(Paragraph(fold_spaces(" ".join(paragraph)), line=start))
            paragraph.clear()

    for number, raw in enumerate(
        body.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1
    ):
        line = fold_spaces(raw)
        if not line:
            flush()
            continue
        figure = FIGURE_RE.match(line)
        if figure:
            flush()
            figure_number = int(figure[1].translate(EASTERN_DIGITS))
            blocks.append(FigureMarker(figure_number, line=number))
        elif line.startswith("##"):
            flush()
            text = line.lstrip("#").strip()
            if text:
                blocks.append(Subheading(text, line=number))
        else:
            if not paragraph:
                start = number
            paragraph.append(line)
    flush()
    return tuple(blocks)


def render_body(blocks) -> str:
    """Return the notation for ``blocks`` (the inverse of :func:`parse_body`)."""
    parts = []
    for block in blocks:
        if block.kind == "figure":
            parts.append(figure_marker(block.figure))
        elif block.kind == "subheading":
            parts.append(SUBHEADING_PREFIX + fold_spaces(block.text))
        else:
            parts.append(fold_spaces(block.text))
    return "\n\n".join(parts)
