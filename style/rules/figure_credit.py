"""A figure whose photo nobody is credited for (neither the caption nor the photo
names a credit): every published photo says where it comes from."""

from django.utils.translation import gettext_lazy as _

from style.rules import Finding, Rule, Text


def check(texts: list[Text]):
    for text in texts:
        if text.field.startswith("caption:") and not text.has_credit:
            number = text.field.partition(":")[2]
            yield Finding(
                "figure_credit",
                text.field,
                0,
                0,
                "",
                _("Figure %(number)s has no credit.") % {"number": number},
            )


RULE = Rule("figure_credit", _("A figure without a credit"), check)
