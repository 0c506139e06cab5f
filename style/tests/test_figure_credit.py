"""The figure-credit rule (``style/rules/figure_credit.py``)."""

import pytest

from style.rules import Text
from style.tests.rule_cases import run

pytestmark = pytest.mark.usefixtures("english")


def test_a_figure_without_credit_is_named_by_its_number():
    found = run(
        "figure_credit",
        Text("caption:1", "تعليق", has_credit=True),
        Text("caption:2", "تعليق آخر", has_credit=False),
    )
    assert [f.message for f in found] == ["Figure 2 has no credit."]
