"""Eastern Arabic (٠١٢) and Western (012) digits in one article: the fewer kind is
flagged, with the other kind as the fix. Figure markers (``[[صورة 2]]``) are not
text readers see and do not count."""

import re

from django.utils.translation import gettext_lazy as _

from style.rules import Finding, Rule, Text

EASTERN = "٠١٢٣٤٥٦٧٨٩"
WESTERN = "0123456789"
RUNS = re.compile(rf"[{EASTERN}]+|[0-9]+")
MARKER = re.compile(r"^\[\[[^\]\n]*\]\]$", re.MULTILINE)
TO_WESTERN = str.maketrans(EASTERN, WESTERN)
TO_EASTERN = str.maketrans(WESTERN, EASTERN)


def _runs(texts):
    for text in texts:
        hidden = [m.span() for m in MARKER.finditer(text.value)]
        for match in RUNS.finditer(text.value):
            if not any(start <= match.start() < end for start, end in hidden):
                yield text, match


def check(texts: list[Text]):
    runs = list(_runs(texts))
    eastern = sum(len(m[0]) for _t, m in runs if m[0][0] in EASTERN)
    western = sum(len(m[0]) for _t, m in runs if m[0][0] in WESTERN)
    if not eastern or not western:
        return
    minority = EASTERN if eastern < western else WESTERN
    table = TO_WESTERN if minority == EASTERN else TO_EASTERN
    for text, match in runs:
        if match[0][0] in minority:
            fixed = match[0].translate(table)
            yield Finding(
                "mixed_digits",
                text.field,
                match.start(),
                match.end(),
                match[0],
                _(
                    "The article mixes Eastern and Western digits: “%(found)s” as "
                    "“%(fixed)s”, like the rest."
                )
                % {"found": match[0], "fixed": fixed},
                fixed,
            )


RULE = Rule("mixed_digits", _("Eastern and Western digits mixed"), check)
