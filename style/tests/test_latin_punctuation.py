"""The Latin-punctuation rule (``style/rules/latin_punctuation.py``)."""

import pytest

from style.tests.rule_cases import mended

pytestmark = pytest.mark.usefixtures("english")


def test_latin_punctuation_after_arabic_words_only():
    text = "قال الوزير, إن الاتفاق قريب; فهل ينجح? نعم، Hello, world? و3, 4"
    assert mended("latin_punctuation", text) == (
        "قال الوزير، إن الاتفاق قريب؛ فهل ينجح؟ نعم، Hello, world? و3, 4"
    )
