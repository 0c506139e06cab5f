"""The seed format: headline, blocks, source line (``seeds/000_4f78182034c9b7d2.txt``
is the reference dump; the team's seed-format.md describes it).

Reading goes in two passes over the body's blocks (runs of non-blank lines):

1. each line (or pair of lines) becomes a figure, a paragraph, or a "short" line that
   may be a sub-heading;
2. from the end backwards, a short line becomes a sub-heading when a paragraph follows
   it and it is not the first block; otherwise it stays a paragraph.

Every call the parser is unsure of is recorded as a warning naming the line.
"""

import re
from dataclasses import dataclass

from ingest.importer.credits import (
    NO_KNOWN_CREDITS,
    KnownCredits,
    TrailingParenthesis,
    trailing_parenthesis,
)
from ingest.importer.headings import Item, resolve_short_lines
from ingest.importer.judge import (
    ends_with_final_punctuation,
    is_caption_sized,
    is_short_line,
)
from ingest.importer.messages import _
from ingest.importer.structure import (
    Block,
    Figure,
    Paragraph,
    ParsedPiece,
    ParseError,
    ParseWarning,
    Subheading,
    warning,
)
from ingest.importer.tidy import had_bidi_override, split_lines, tidy

SOURCE_LINE = re.compile(r"^(?:المصدر|المصادر)\s*[:：]\s*(?P<names>.*)$")
SOURCE_SEPARATOR = "+"


@dataclass(frozen=True)
class Line:
    """One tidied line and its 1-based number in the file."""

    number: int
    text: str


def parse_seed(
    text: str, *, strict: bool = False, known: KnownCredits = NO_KNOWN_CREDITS
) -> ParsedPiece:
    """Return the piece held in seed-format ``text``; raises ParseError when there is
    no headline or no body."""
    warnings: list[ParseWarning] = []
    lines = []
    for number, raw in enumerate(split_lines(text), 1):
        if had_bidi_override(raw):
            warnings.append(
                warning(
                    number,
                    "bidi_override_removed",
                    _("right-to-left override character removed"),
                )
            )
        lines.append(Line(number, tidy(raw, strict=strict)))
    filled = [line for line in lines if line.text]
    if not filled:
        raise ParseError(_("the file holds only white space"), code="blank")
    headline = filled[0]
    body_end = len(lines)
    sources: list[str] = []
    last = filled[-1] if len(filled) > 1 else None
    found = SOURCE_LINE.match(last.text) if last else None
    if found:
        sources = split_sources(found["names"])
        body_end = last.number - 1
        if not sources:
            warnings.append(
                warning(
                    last.number,
                    "empty_source_line",
                    _("source line names no source"),
                )
            )
    body = lines[headline.number : body_end]
    if not any(line.text for line in body):
        raise ParseError(
            _("the file holds a headline but no body"),
            code="no_body",
            line=headline.number,
        )
    if not found:
        warnings.append(
            warning(
                filled[-1].number,
                "missing_source_line",
                _("no 'المصدر :' line at the end; the piece has no sources"),
            )
        )
    if body[0].text:
        warnings.append(
            warning(
                body[0].number,
                "no_blank_after_headline",
                _("no blank line after the headline"),
            )
        )
    items = _first_pass(_blocks(body), warnings, known)
    resolve_short_lines(items, warnings)
    blocks = _finish(items, warnings)
    warnings.sort(key=lambda w: w.line or 0)
    return ParsedPiece(
        format="seed",
        headline=headline.text,
        blocks=blocks,
        sources=sources,
        warnings=warnings,
    )


def split_sources(names: str) -> list[str]:
    """Return the sources named on a source line, in order (``A + B`` gives [A, B])."""
    names = names.strip().rstrip(".")
    return [name.strip() for name in names.split(SOURCE_SEPARATOR) if name.strip()]


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _first_pass(
    blocks: list[list[Line]], warnings: list[ParseWarning], known: KnownCredits
) -> list[Item]:
    items: list[Item] = []
    for index, block in enumerate(blocks):
        position = 0
        while position < len(block):
            item, consumed = _read_at(block, position, index, warnings, known)
            items.append(item)
            position += consumed
    return items


def _read_at(
    block: list[Line],
    position: int,
    index: int,
    warnings: list[ParseWarning],
    known: KnownCredits,
) -> tuple[Item, int]:
    """Return the figure, paragraph or short line starting at ``block[position]``
    and how many lines of the block it takes."""
    line = block[position]
    following = block[position + 1] if position + 1 < len(block) else None
    after_that = block[position + 2] if position + 2 < len(block) else None

    first = index == 0 and position == 0

    def item(kind, text="", figure=None):
        return Item(kind, line.number, text, figure, index)

    if following and following.text == line.text:
        return _identical_pair(line, following, index, first, warnings, known), 2
    if (
        following
        and not ends_with_final_punctuation(line.text)
        and not (after_that and after_that.text == following.text)
    ):
        paren = trailing_parenthesis(
            following.text, above=line.text, first=first, known=known
        )
        if paren and paren.is_credit:
            _note_credit(paren, following.number, warnings)
            figure = Figure(
                line.text, paren.before, paren.inside, line.number, paren.parts
            )
            return item("figure", figure=figure), 2
    paren = trailing_parenthesis(line.text, first=first, known=known)
    if paren and paren.is_credit:
        _note_credit(paren, line.number, warnings)
        figure = Figure(None, paren.before, paren.inside, line.number, paren.parts)
        return item("figure", figure=figure), 1
    if paren and paren.is_close_call:
        warnings.append(
            warning(
                line.number,
                "parenthesis_not_credit",
                _(
                    "might be a photo caption: final parentheses (%(text)s) not "
                    "taken as a credit"
                )
                % {"text": paren.inside},
            )
        )
    if is_short_line(line.text):
        return item("short", line.text), 1
    if (
        following
        and after_that is None
        and is_caption_sized(line.text)
        and is_caption_sized(following.text)
        and not is_short_line(following.text)
        and not trailing_parenthesis(following.text, known=known)
    ):
        warnings.append(
            warning(
                line.number,
                "figure_without_credit",
                _(
                    "two short lines without final punctuation or credit taken as a "
                    "figure's alt text and caption"
                ),
            )
        )
        figure = Figure(line.text, following.text, None, line.number)
        return item("figure", figure=figure), 2
    return item("paragraph", line.text), 1


def _identical_pair(
    line: Line,
    twin: Line,
    index: int,
    first: bool,
    warnings: list[ParseWarning],
    known: KnownCredits,
) -> Item:
    paren = trailing_parenthesis(line.text, above=twin.text, first=first, known=known)
    if paren and paren.is_credit:
        _note_credit(paren, line.number, warnings)
        figure = Figure(
            paren.before, paren.before, paren.inside, line.number, paren.parts
        )
        return Item("figure", line.number, figure=figure, block=index)
    if is_caption_sized(line.text):
        warnings.append(
            warning(
                line.number,
                "identical_lines_figure",
                _("two identical lines without a credit taken as a figure"),
            )
        )
        figure = Figure(line.text, line.text, None, line.number)
        return Item("figure", line.number, figure=figure, block=index)
    warnings.append(
        warning(
            twin.number,
            "duplicate_paragraph_dropped",
            _("repeats line %(line)s; the copy is dropped") % {"line": line.number},
        )
    )
    return Item("paragraph", line.number, line.text, block=index)


def _note_credit(
    paren: TrailingParenthesis, number: int, warnings: list[ParseWarning]
) -> None:
    if not paren.known:
        warnings.append(
            warning(
                number,
                "unknown_credit",
                _(
                    "might be a paragraph: (%(text)s) is not a known credit but was "
                    "taken as the figure's credit"
                )
                % {"text": paren.inside},
            )
        )


def _finish(items: list[Item], warnings: list[ParseWarning]) -> list[Block]:
    """Return the blocks, the lines of a paragraph running over several lines joined.
    A paragraph repeating the one before is kept, with a warning."""
    blocks: list[Block] = []
    parts: list[str] = []  # the lines of the last paragraph, joined once at the end
    previous: Item | None = None

    def close_paragraph():
        if len(parts) > 1:
            blocks[-1] = Paragraph(" ".join(parts), blocks[-1].line)
        parts.clear()

    for item in items:
        if _joins(previous, item):
            parts.append(item.text)
            warnings.append(
                warning(
                    item.line,
                    "lines_joined",
                    _(
                        "no blank line before this line; joined to the paragraph of "
                        "line %(line)s"
                    )
                    % {"line": blocks[-1].line},
                )
            )
            continue
        close_paragraph()
        previous = item
        if item.kind == "figure":
            blocks.append(item.figure)
        elif item.kind == "subheading":
            blocks.append(Subheading(item.text, item.line))
        else:
            last = blocks[-1] if blocks else None
            if isinstance(last, Paragraph) and last.text == item.text:
                # Kept: the dump is the journalist's; an editor decides.
                warnings.append(
                    warning(
                        item.line,
                        "duplicate_paragraph_kept",
                        _("repeats the paragraph of line %(line)s")
                        % {"line": last.line},
                    )
                )
            blocks.append(Paragraph(item.text, item.line))
            parts.append(item.text)
    close_paragraph()
    return blocks


def _joins(previous: Item | None, item: Item) -> bool:
    """Return True if ``item`` continues the paragraph of ``previous`` (same run of
    lines, both running text)."""
    return (
        previous is not None
        and previous.kind == item.kind == "paragraph"
        and previous.block == item.block
        and not previous.demoted
        and not item.demoted
    )
