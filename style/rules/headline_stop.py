"""A headline ending in a full stop: headlines take none."""

import re

from django.utils.translation import gettext_lazy as _

from style.rules import Finding, Rule, Text

PATTERN = re.compile(r"(?<!\.)\.[ \t]*$")


def check(texts: list[Text]):
    for text in texts:
        if text.field != "headline":
            continue
        match = PATTERN.search(text.value)
        if match:
            yield Finding(
                "headline_stop",
                text.field,
                match.start(),
                match.end(),
                match[0],
                _("The headline ends in a full stop: remove it."),
                "",
            )


RULE = Rule("headline_stop", _("A headline ending in a full stop"), check)
