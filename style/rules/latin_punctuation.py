"""A Latin comma, semicolon or question mark after an Arabic word: Arabic text takes
، ؛ and ؟ (a Latin mark after a Latin word or a digit is left alone)."""

import re

from django.utils.translation import gettext_lazy as _

from style.rules import ARABIC_LETTER, Finding, Rule, Text

ARABIC = {",": "،", ";": "؛", "?": "؟"}
PATTERN = re.compile(rf"(?<=[{ARABIC_LETTER}\u064b-\u0652])[ \t]*([,;?])(?=\s|$)")


def check(texts: list[Text]):
    for text in texts:
        for match in PATTERN.finditer(text.value):
            mark = match[1]
            yield Finding(
                "latin_punctuation",
                text.field,
                match.start(1),
                match.end(1),
                mark,
                _("Latin “%(found)s” in Arabic text: write “%(fixed)s”.")
                % {"found": mark, "fixed": ARABIC[mark]},
                ARABIC[mark],
            )


RULE = Rule("latin_punctuation", _("Latin punctuation in Arabic text"), check)
