"""Blocks the parser was unsure of, and reading them the other way.

A line ending in a parenthesis is read as a figure when the parenthesis scores as a
credit (see ``credits``). Near the threshold the parser warns: ``unknown_credit`` (read
as a figure, might be a paragraph) and ``parenthesis_not_credit`` (read as a paragraph,
or as a sub-heading when the line is short, might be a caption). The editor decides in the desk's preview; :func:`read_as` applies
the decision to the parsed piece, so the import takes exactly what was previewed.
"""

from dataclasses import replace

from ingest.importer.credits import (
    NO_KNOWN_CREDITS,
    KnownCredits,
    trailing_parenthesis,
)
from ingest.importer.structure import Figure, Paragraph, ParsedPiece, Subheading

FIGURE = "figure"
PARAGRAPH = "paragraph"
SUBHEADING = "subheading"
#: Warning code → the blocks the parser may have chosen for the warning's line.
UNSURE = {
    "unknown_credit": (Figure,),
    "parenthesis_not_credit": (Paragraph, Subheading),
}
#: The reading the parser chose → the other readings the editor is offered.
COULD_BE = {FIGURE: (PARAGRAPH,), PARAGRAPH: (FIGURE,), SUBHEADING: (FIGURE, PARAGRAPH)}


def unsure_blocks(piece: ParsedPiece) -> dict[int, str]:
    """{line: the reading chosen} for each block the parser was unsure of (a block
    starting on the warning's line; a figure may start on its alt line, the line
    before its caption)."""
    lines = {}
    for warning in piece.warnings:
        wanted = UNSURE.get(warning.code)
        if wanted is None or warning.line is None:
            continue
        block = _block_at(piece, warning.line, wanted)
        if block is not None:
            lines[block.line] = _reading(block)
    return lines


def read_as(
    piece: ParsedPiece,
    line: int,
    kind: str,
    known: KnownCredits = NO_KNOWN_CREDITS,
) -> ParsedPiece:
    """Return ``piece`` with its unsure block starting on ``line`` read as ``kind``
    (the parser's reading or one of ``COULD_BE``; a figure's credit split with the
    ``known`` credits, as the parser would); ValueError when there is no such block
    or it cannot be read so."""
    chosen = unsure_blocks(piece).get(line)
    if chosen is None:
        raise ValueError(f"no block the parser was unsure of starts on line {line}")
    if kind == chosen:
        return piece
    if kind not in COULD_BE[chosen]:
        raise ValueError(f"line {line} cannot be read as {kind!r}")
    index = next(i for i, block in enumerate(piece.blocks) if block.line == line)
    block = piece.blocks[index]
    blocks = list(piece.blocks)
    if kind == PARAGRAPH:
        blocks[index] = Paragraph(block_text(block), block.line)
    else:
        paren = trailing_parenthesis(block.text, known=known)
        if paren is None:
            raise ValueError(f"line {line} does not end with a parenthesis")
        blocks[index] = Figure.read(
            None, paren.before, paren.inside, block.line, known=known
        )
    return replace(piece, blocks=blocks)


def _block_at(piece: ParsedPiece, line: int, wanted: tuple[type, ...]):
    """The block of a ``wanted`` kind starting on ``line``, else a figure starting on
    the line before (its alt line above the caption the warning names)."""
    for starts in (line, line - 1):
        for block in piece.blocks:
            if (
                block.line == starts
                and isinstance(block, wanted)
                and (starts == line or isinstance(block, Figure))
            ):
                return block
    return None


def _reading(block) -> str:
    if isinstance(block, Figure):
        return FIGURE
    return SUBHEADING if isinstance(block, Subheading) else PARAGRAPH


def block_text(block) -> str:
    """The line(s) of ``block`` as the journalist wrote them."""
    if not isinstance(block, Figure):
        return block.text
    text = f"{block.caption} ({block.credit})" if block.credit else block.caption
    return f"{block.alt} {text}" if block.alt and block.alt != block.caption else text
