"""The article body notation: plain text that keeps the piece's structure.

    A paragraph is a block of text; blocks are separated by blank lines.

    ## A sub-heading is a line that starts with two hash signs

    [[صورة 2]]      <- places figure number 2 (the caption with position 2) here

Lines inside one paragraph are joined with a space. ``[[figure 2]]`` and Eastern
digits (``[[صورة ٢]]``) are accepted too. Nothing in the body is ever read as HTML.
"""

import re
from dataclasses import dataclass

from .text import EASTERN_DIGITS, fold_spaces

SUBHEADING_PREFIX = "## "
FIGURE_RE = re.compile(
    r"^\[\[\s*(?:صورة|figure)\s+([0-9٠-٩۰-۹]+)\s*\]\]$", re.IGNORECASE
)


@dataclass(frozen=True)
class BodyBlock:
    """One block of a body: ``kind`` is "paragraph", "subheading" or "figure"; a
    figure block's ``text`` is empty and ``figure`` holds its number."""

    kind: str
    text: str = ""
    figure: int | None = None
    line: int = 0


def figure_marker(number: int) -> str:
    return f"[[صورة {number}]]"


def parse_body(body: str) -> list[BodyBlock]:
    """Return the blocks of a body written in the notation, in order."""
    blocks: list[BodyBlock] = []
    paragraph: list[str] = []
    start = 0

    def flush():
        if paragraph:
            blocks.append(
                BodyBlock("paragraph", fold_spaces(" ".join(paragraph)), line=start)
            )
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
            blocks.append(
                BodyBlock(
                    "figure",
                    figure=int(figure[1].translate(EASTERN_DIGITS)),
                    line=number,
                )
            )
        elif line.startswith("##"):
            flush()
            text = line.lstrip("#").strip()
            if text:
                blocks.append(BodyBlock("subheading", text, line=number))
        else:
            if not paragraph:
                start = number
            paragraph.append(line)
    flush()
    return blocks


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


@dataclass(frozen=True)
class LayoutItem:
    """A block ready for a template: ``kind`` as in :class:`BodyBlock`, with the
    figure's caption object in place of its number."""

    kind: str
    text: str = ""
    caption: object = None
