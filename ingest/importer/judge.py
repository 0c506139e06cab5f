"""Judging single lines: final punctuation, short lines, list items, separators.

Shared by the seed and TREC parsers so both make the same call on the same line.
"""

import re

from articles.text import strip_marks

# A paragraph ends with one of these (possibly followed by closing quotes/brackets).
FINAL_PUNCTUATION = frozenset(".!?؟…:;؛")
_CLOSERS = "\"'”’»›)]}"

# Sub-headings in the dumps are a few words long; paragraphs without final
# punctuation are much longer (27+ words in the seed-format corpus).
SUBHEADING_MAX_WORDS = 8
# Captions and alt texts are 8-16 words in the corpus; allow some slack.
CAPTION_MAX_WORDS = 25

_LIST_ITEM = re.compile(r"^(?:[0-9٠-٩۰-۹]{1,3}\s*[-–.)/]|[-–—•*·▪●]\s*\S)")
_SEPARATOR = re.compile(r"^[-–—_ـ=*~•·.#+ ]{3,}$")
_KEY_DROP = re.compile(r"[^\w]+")


def words(text: str) -> int:
    """Return the number of white-space separated words in ``text``."""
    return len(text.split())


def ends_with_final_punctuation(text: str) -> bool:
    """Return True if ``text`` ends a sentence: . ! ? ؟ … : ; ؛ possibly followed by
    closing quotes or brackets."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in FINAL_PUNCTUATION


def has_letters(text: str) -> bool:
    """Return True if ``text`` holds at least one letter (any script)."""
    return any(ch.isalpha() for ch in text)


def is_list_item(text: str) -> bool:
    """Return True if ``text`` starts like an item of a numbered or bulleted list."""
    return bool(_LIST_ITEM.match(text))


def is_separator(text: str) -> bool:
    """Return True if ``text`` is a rule drawn with dashes, tatweel, stars or the like."""
    return bool(_SEPARATOR.match(text)) and not has_letters(text.replace("ـ", ""))


def is_short_line(text: str) -> bool:
    """Return True if ``text`` could be a sub-heading by the seed format's rule: a few
    words and no final punctuation."""
    return 0 < words(text) <= SUBHEADING_MAX_WORDS and not ends_with_final_punctuation(
        text
    )


def looks_like_heading(text: str) -> bool:
    """Return True if ``text`` could be a sub-heading in free running text (TREC): a
    short line that also has letters, is not a list item and does not break off at a
    comma or dash."""
    return (
        is_short_line(text)
        and has_letters(text)
        and not text.endswith((",", "،", "-", "–", "—"))
        and not is_list_item(text)
    )


def is_caption_sized(text: str) -> bool:
    """Return True if ``text`` is as short as captions and alt texts are and has no
    final punctuation."""
    return words(text) <= CAPTION_MAX_WORDS and not ends_with_final_punctuation(text)


def compare_key(text: str) -> str:
    """Return ``text`` reduced for duplicate detection: no harakat, tatweel, bidi
    marks or punctuation, Western digits, single spaces, case folded."""
    return " ".join(_KEY_DROP.sub(" ", strip_marks(text)).casefold().split())
