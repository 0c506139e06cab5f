"""The house-style checker (``style/checker.py``): the rules turned on or off, findings
with their context, and fixes that refuse a changed text."""

import pytest

from style.checker import enabled_rules, find, fixed
from style.rules import Text
from style.tests.rule_cases import run

pytestmark = pytest.mark.usefixtures("english")


def test_a_fix_refuses_text_that_changed_since_the_check():
    (finding,) = run("headline_stop", Text("headline", "عنوان."))
    with pytest.raises(ValueError):
        fixed("عنوان آخر", finding)


def test_rules_are_turned_off_by_setting(settings):
    settings.NEWSROOM_STYLE_RULES = {"tatweel": False}
    codes = {rule.code for rule in enabled_rules()}
    assert "tatweel" not in codes
    assert "ya_final" in codes
    assert not find([Text("body", "الحــرب")])


def test_the_journalists_text_is_never_changed_by_a_check():
    text = "قال  فى بيانه , الحــرب"
    texts = [Text("body", text)]
    assert find(texts)
    assert texts[0].value == text


def test_a_finding_shows_a_few_words_of_its_line_around_it():
    text = "سطر أول.\nقال الوزير فى بيانه الصادر اليوم عن الوزارة في العاصمة"
    (finding,) = run("ya_final", Text("body", text))
    assert finding.before == "قال الوزير "
    assert finding.after == " بيانه الصادر اليوم عن الوزارة"  # 30 characters
