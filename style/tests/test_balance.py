"""The balance rule (``style/rules/balance.py``): quotes and brackets per paragraph."""

import pytest

from style.rules import Text
from style.tests.rule_cases import run

pytestmark = pytest.mark.usefixtures("english")


def test_unbalanced_quotes_and_brackets_per_paragraph():
    text = 'قال «إن الاتفاق قريب.\n\nفقرة (سليمة) و"نص".\n\nثم [قوس ) و"وحيد'
    found = run("balance", Text("body", text))
    assert [(f.found, text[f.start]) for f in found] == [
        ("«", "«"),
        ("[", "["),
        (")", ")"),
        ('"', '"'),
    ]
    assert all(f.replacement is None for f in found)
    assert not run("balance", Text("body", "[[صورة 1]]\n\n«نص» (قوس)"))
