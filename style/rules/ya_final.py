"""Final ى written for ي in the words where it is always ي (فى، الذى، التى، هى …),
a habit of Egyptian typesetting the house style does not follow. Words that do end
in alef maqsura (على، إلى، حتى، مستشفى) are not touched."""

import re

from django.utils.translation import gettext_lazy as _

from style.rules import ARABIC_LETTER, Finding, Rule, Text

WORDS = {"فى": "في", "الذى": "الذي", "التى": "التي", "هى": "هي", "ذى": "ذي"}
PATTERN = re.compile(
    rf"(?<![{ARABIC_LETTER}\u064b-\u0652])([وف]?)({'|'.join(WORDS)})"
    rf"(?![{ARABIC_LETTER}\u064b-\u0652])"
)


def check(texts: list[Text]):
    for text in texts:
        for match in PATTERN.finditer(text.value):
            word = match[2]
            yield Finding(
                "ya_final",
                text.field,
                match.start(2),
                match.end(2),
                word,
                _("“%(found)s” is written “%(fixed)s” in our style.")
                % {"found": word, "fixed": WORDS[word]},
                WORDS[word],
            )


RULE = Rule("ya_final", _("ى for ي at the end of a word"), check)
