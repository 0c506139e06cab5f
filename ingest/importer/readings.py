"""Blocks the parser was unsure of, and reading them the other way.

A line ending in a parenthesis is read as a figure when the parenthesis scores as a
credit (see ``credits``). Near the threshold the parser warns: ``unknown_credit`` (read
as a figure, might be a paragraph) and ``parenthesis_not_credit`` (read as a paragraph,
might be a caption). The editor decides in the desk's preview; :func:`read_as` applies
the decision to the parsed piece, so the import takes exactly what was previewed.
"""

from dataclasses import replace

from ingest.importer.credits import (
    NO_KNOWN_CREDITS,
    KnownCredits,
    trailing_parenthesis,
)
from ingest.importer.structure import Figure, Paragraph, ParsedPiece

FIGURE = "figure"
PARAGRAPH = "paragraph"
#: Warning code → the reading the parser chose for the block on the warning's line.
UNSURE = {"unknown_credit": FIGURE, "parenthesis_not_credit": PARAGRAPH}


def unsure_blocks(piece: ParsedPiece) -> dict[int, str]:
    """{line: the reading chosen} for each block the parser was unsure of (a block
    starting on the warning's line; a figure may start on its alt line, the line
    before its caption)."""
    lines = {}
    for warning in piece.warnings:
        kind = UNSURE.get(warning.code)
        if kind is None or warning.line is None:
            continue
        index = _block_at(piece, warning.line, kind)
        if index is not None:
            lines[piece.blocks[index].line] = kind
    return lines


def read_as(
    piece: ParsedPiece,
    line: int,
    kind: str,
    known: KnownCredits = NO_KNOWN_CREDITS,
) -> ParsedPiece:
    """Return ``piece`` with its unsure block starting on ``line`` read as ``kind``
    (figure or paragraph; a figure's credit split with the ``known`` credits, as the
    parser would); ValueError when there is no such block."""
    chosen = unsure_blocks(piece).get(line)
    if chosen is None or kind not in (FIGURE, PARAGRAPH):
        raise ValueError(f"no block the parser was unsure of starts on line {line}")
    if kind == chosen:
        return piece
    index = next(i for i, block in enumerate(piece.blocks) if block.line == line)
    block = piece.blocks[index]
    blocks = list(piece.blocks)
    if kind == PARAGRAPH:
        text = f"{block.caption} ({block.credit})" if block.credit else block.caption
        if block.alt and block.alt != block.caption:
            text = f"{block.alt} {text}"
        blocks[index] = Paragraph(text, block.line)
    else:
        paren = trailing_parenthesis(block.text, known=known)
        if paren is None:
            raise ValueError(f"line {line} does not end with a parenthesis")
        blocks[index] = Figure.read(
            None, paren.before, paren.inside, block.line, known=known
        )
    return replace(piece, blocks=blocks)


def _block_at(piece: ParsedPiece, line: int, kind: str) -> int | None:
    wanted = Figure if kind == FIGURE else Paragraph
    for index, block in enumerate(piece.blocks):
        if isinstance(block, wanted) and block.line in (line, line - 1):
            return index
    return None
