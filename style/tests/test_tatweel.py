"""The tatweel rule (``style/rules/tatweel.py``)."""

import pytest

from style.tests.rule_cases import mended

pytestmark = pytest.mark.usefixtures("english")


def test_tatweel_inside_a_word_but_not_an_abbreviation():
    assert mended("tatweel", "الحــرب في عام 1445 هـ") == "الحرب في عام 1445 هـ"
