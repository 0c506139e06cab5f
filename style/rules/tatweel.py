"""Tatweel (ـ) stretching a word to justify a line: the page justifies itself, and
stretched words are not found by readers' searches as typed. A tatweel after a lone
letter is an abbreviation (هـ for the Hijri year) and stays."""

import re

from django.utils.translation import gettext_lazy as _

from style.rules import ARABIC_LETTER, Finding, Rule, Text

PATTERN = re.compile(rf"(?<=[{ARABIC_LETTER}])ـ+(?=[{ARABIC_LETTER}])")


def check(texts: list[Text]):
    for text in texts:
        for match in PATTERN.finditer(text.value):
            yield Finding(
                "tatweel",
                text.field,
                match.start(),
                match.end(),
                match[0],
                _("Tatweel stretches a word; remove it."),
                "",
            )


RULE = Rule("tatweel", _("Tatweel used for justification"), check)
