"""Helpers shared by the tests of the house-style rules and their checker (no tests
here)."""

from style.checker import all_rules, find, fixed
from style.rules import Text


def run(code, *texts):
    rule = next(rule for rule in all_rules() if rule.code == code)
    return find(list(texts), [rule])


def mended(code, value, field="body"):
    """``value`` with every fix of rule ``code`` applied, last first."""
    for finding in reversed(run(code, Text(field, value))):
        value = fixed(value, finding)
    return value
