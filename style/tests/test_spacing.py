"""The spacing rule (``style/rules/spacing.py``)."""

import pytest

from style.tests.rule_cases import mended

pytestmark = pytest.mark.usefixtures("english")


def test_doubled_spaces_and_spaces_before_punctuation_but_not_line_breaks():
    text = "قال  الوزير ، إن الاتفاق قريب .\n\nفقرة ثانية (قوسان )"
    assert (
        mended("spacing", text) == "قال الوزير، إن الاتفاق قريب.\n\nفقرة ثانية (قوسان)"
    )
