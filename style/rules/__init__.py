"""The house-style rules: a module per rule, each a :class:`Rule` named ``RULE``.
A rule reads the texts of an article and returns :class:`Finding` objects, each with
the exact stretch of text it is about and, when the fix is certain, what should
replace it. Rules never change text: an editor applies a fix with one click
(``style.services.article_apply_style_fix``). ``NEWSROOM_STYLE_RULES`` turns rules
on or off by code."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.functional import Promise

#: Arabic letters (hamza to yeh, with the Persian/Urdu additions), for "is this
#: Arabic text" tests.
ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"


@dataclass(frozen=True)
class Text:
    """One text of an article a rule reads: ``field`` is "headline", "standfirst",
    "body" or "caption:<position>"; ``has_credit`` is for captions only."""

    field: str
    value: str
    has_credit: bool = True


@dataclass(frozen=True)
class Finding:
    """``value[start:end]`` of ``field`` breaks rule ``code``; ``replacement`` (None:
    no sure fix) would mend it."""

    code: str
    field: str
    start: int
    end: int
    found: str
    message: str | Promise
    replacement: str | None = None
    #: A few words either side, to show where it is (set by ``style.checker.find``).
    before: str = ""
    after: str = ""

    @property
    def key(self) -> str:
        """What names this finding in a fix request."""
        return f"{self.code}|{self.field}|{self.start}|{self.end}"


@dataclass(frozen=True)
class Rule:
    code: str
    title: str | Promise
    check: Callable[[list[Text]], Iterator[Finding]]
