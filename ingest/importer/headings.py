"""Which short lines are sub-headings: the second pass shared by both parsers.

A short line (a few words, no final punctuation) is a sub-heading when a paragraph
follows it and it is not the first block of the body; otherwise it stays a paragraph.
Lines are settled from the end backwards, so "a paragraph follows" already knows what
the following short line became.
"""

from dataclasses import dataclass

from ingest.importer.judge import (
    SUBHEADING_MAX_WORDS,
    ends_with_final_punctuation,
    has_letters,
    words,
)
from ingest.importer.messages import _
from ingest.importer.structure import Figure, ParseWarning, warning


@dataclass
class Item:
    """A block in the making: ``kind`` is "figure", "paragraph", "short" (maybe a
    sub-heading) or, once settled, "subheading". ``block`` numbers the run of
    non-blank lines it came from; ``demoted`` marks a short line kept as a paragraph."""

    kind: str
    line: int
    text: str = ""
    figure: Figure | None = None
    block: int = 0
    demoted: bool = False


def resolve_short_lines(items: list[Item], warnings: list[ParseWarning]) -> None:
    """Turn each short line into a sub-heading or a paragraph, from the end back."""
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        if item.kind != "short":
            continue
        following = items[index + 1] if index + 1 < len(items) else None
        # Whole sentences rather than a reason slotted into one: translators need them.
        if index == 0:
            message = _(
                "short line without final punctuation at the start of the body kept "
                "as a paragraph"
            )
        elif following is None:
            message = _(
                "short line without final punctuation at the end of the body kept as "
                "a paragraph"
            )
        elif not _is_paragraph(following):
            message = _(
                "short line without final punctuation not followed by a paragraph "
                "kept as a paragraph"
            )
        else:
            item.kind = "subheading"
            warnings.append(
                warning(
                    item.line,
                    "short_line_subheading",
                    _("short line taken as a sub-heading"),
                )
            )
            continue
        item.kind = "paragraph"
        item.demoted = True
        warnings.append(warning(item.line, "short_line_paragraph", message))


def _is_paragraph(item: Item) -> bool:
    """Return True if ``item`` is running text a sub-heading can stand over: a
    paragraph with letters that is long or ends a sentence (not a date, not a stray
    short line)."""
    return (
        item.kind == "paragraph"
        and not item.demoted
        and has_letters(item.text)
        and (
            words(item.text) > SUBHEADING_MAX_WORDS
            or ends_with_final_punctuation(item.text)
        )
    )
