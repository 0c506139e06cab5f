"""Running the house-style rules (``style.rules``) over an article's texts, and
applying one fix an editor chose."""

from dataclasses import replace
from importlib import import_module

from django.conf import settings

from style.rules import Finding, Rule, Text

RULE_MODULES = (
    "ya_final",
    "latin_punctuation",
    "mixed_digits",
    "tatweel",
    "spacing",
    "balance",
    "figure_credit",
    "headline_stop",
)


def all_rules() -> list[Rule]:
    return [import_module(f"style.rules.{name}").RULE for name in RULE_MODULES]


def enabled_rules() -> list[Rule]:
    """Every rule but those ``NEWSROOM_STYLE_RULES`` turns off ({code: False})."""
    switches = getattr(settings, "NEWSROOM_STYLE_RULES", {})
    return [rule for rule in all_rules() if switches.get(rule.code, True)]


def find(texts: list[Text], rules: list[Rule] | None = None) -> list[Finding]:
    """What ``rules`` (the enabled ones by default) find in ``texts``, in the order
    of the texts, then of the place in each."""
    order = {text.field: n for n, text in enumerate(texts)}
    values = {text.field: text.value for text in texts}
    findings = [
        _in_context(finding, values[finding.field])
        for rule in (enabled_rules() if rules is None else rules)
        for finding in rule.check(texts)
    ]
    return sorted(findings, key=lambda f: (order[f.field], f.start, f.code))


CONTEXT = 30


def _in_context(finding: Finding, value: str) -> Finding:
    """``finding`` with up to :data:`CONTEXT` characters of its line either side."""
    start = max(value.rfind("\n", 0, finding.start) + 1, finding.start - CONTEXT)
    end = value.find("\n", finding.end)
    end = min(len(value) if end < 0 else end, finding.end + CONTEXT)
    return replace(
        finding, before=value[start : finding.start], after=value[finding.end : end]
    )


def fixed(value: str, finding: Finding) -> str:
    """``value`` with ``finding`` mended; ValueError when it has no sure fix or the
    text is no longer what the rule found."""
    if finding.replacement is None:
        raise ValueError(f"{finding.code} has no automatic fix")
    if value[finding.start : finding.end] != finding.found:
        raise ValueError("the text changed since it was checked")
    return value[: finding.start] + finding.replacement + value[finding.end :]
