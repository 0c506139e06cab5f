"""The mixed-digits rule (``style/rules/mixed_digits.py``)."""

import pytest

from style.rules import Text
from style.tests.rule_cases import run

pytestmark = pytest.mark.usefixtures("english")


def test_mixed_digits_flag_the_fewer_kind_and_ignore_figure_markers():
    body = "قتل 12 شخصا وأصيب ٣ آخرون في 2014.\n\n[[صورة 2]]"
    found = run("mixed_digits", Text("headline", "عنوان ٥"), Text("body", body))
    assert [(f.field, f.found, f.replacement) for f in found] == [
        ("headline", "٥", "5"),
        ("body", "٣", "3"),
    ]
    assert not run("mixed_digits", Text("body", "في عام ٢٠١٤\n\n[[صورة 2]]"))
