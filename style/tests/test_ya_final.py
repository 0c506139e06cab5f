"""The final-ya rule (``style/rules/ya_final.py``)."""

import pytest

from style.rules import Text
from style.tests.rule_cases import mended, run

pytestmark = pytest.mark.usefixtures("english")


def test_final_ya_words_and_their_prefixes_but_not_alef_maqsura_words():
    text = "وقال فى بيانه الذى نشره إن المستشفى على الطريق وفى المدينة التى زارها هى"
    found = run("ya_final", Text("body", text))
    assert [f.found for f in found] == ["فى", "الذى", "فى", "التى", "هى"]
    assert mended("ya_final", text) == (
        "وقال في بيانه الذي نشره إن المستشفى على الطريق وفي المدينة التي زارها هي"
    )
