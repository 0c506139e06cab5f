"""Two spaces or more inside a line, and a space before a punctuation mark (، ؛ ؟ . ,
: ! and closing brackets). Line breaks are the body's structure and are not
touched."""

import re

from django.utils.translation import gettext_lazy as _

from style.rules import Finding, Rule, Text

DOUBLED = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
BEFORE_MARK = re.compile(r"(?<=\S)[ \t]+(?=[،؛؟.,:!)»\]](?:\s|$))")


def check(texts: list[Text]):
    for text in texts:
        for match in DOUBLED.finditer(text.value):
            yield Finding(
                "spacing",
                text.field,
                match.start(),
                match.end(),
                match[0],
                _("Several spaces in a row: keep one."),
                " ",
            )
        for match in BEFORE_MARK.finditer(text.value):
            mark = text.value[match.end()]
            yield Finding(
                "spacing",
                text.field,
                match.start(),
                match.end(),
                match[0],
                _("A space before “%(mark)s”: remove it.") % {"mark": mark},
                "",
            )


RULE = Rule("spacing", _("Doubled spaces and spaces before punctuation"), check)
