"""Quotation marks and brackets that are opened and not closed (or the other way
round) within a paragraph. No automatic fix: only the writer knows where the
quotation ends."""

from django.utils.translation import gettext_lazy as _

from style.rules import Finding, Rule, Text

PAIRS = {"«": "»", "(": ")", "[": "]", "“": "”", "{": "}"}
CLOSING = {close: open_ for open_, close in PAIRS.items()}
STRAIGHT = '"'


def _paragraphs(value: str):
    start = 0
    for block in value.split("\n\n"):
        yield start, block
        start += len(block) + 2


def _unbalanced(block: str):
    """Offsets in ``block`` of the marks left without a partner."""
    stack, lone = [], []
    for offset, char in enumerate(block):
        if char in PAIRS:
            stack.append((char, offset))
        elif char in CLOSING:
            if stack and stack[-1][0] == CLOSING[char]:
                stack.pop()
            else:
                lone.append(offset)
    lone += [offset for _char, offset in stack]
    straight = [offset for offset, char in enumerate(block) if char == STRAIGHT]
    if len(straight) % 2:
        lone.append(straight[-1])
    return sorted(lone)


def check(texts: list[Text]):
    for text in texts:
        for start, block in _paragraphs(text.value):
            for offset in _unbalanced(block):
                mark = block[offset]
                yield Finding(
                    "balance",
                    text.field,
                    start + offset,
                    start + offset + 1,
                    mark,
                    _("“%(mark)s” has no partner in this paragraph.") % {"mark": mark},
                )


RULE = Rule("balance", _("Unbalanced quotation marks and brackets"), check)
