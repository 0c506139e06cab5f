"""Each house-style rule: what it finds, where, and the fix it offers; and what it
must leave alone."""

import pytest
from django.utils import translation

from style.checker import all_rules, enabled_rules, find, fixed
from style.rules import Text


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(code, *texts):
    rule = next(rule for rule in all_rules() if rule.code == code)
    return find(list(texts), [rule])


def mended(code, value, field="body"):
    """``value`` with every fix of rule ``code`` applied, last first."""
    for finding in reversed(run(code, Text(field, value))):
        value = fixed(value, finding)
    return value


def test_final_ya_words_and_their_prefixes_but_not_alef_maqsura_words():
    text = "وقال فى بيانه الذى نشره إن المستشفى على الطريق وفى المدينة التى زارها هى"
    found = run("ya_final", Text("body", text))
    assert [f.found for f in found] == ["فى", "الذى", "فى", "التى", "هى"]
    assert mended("ya_final", text) == (
        "وقال في بيانه الذي نشره إن المستشفى على الطريق وفي المدينة التي زارها هي"
    )


def test_latin_punctuation_after_arabic_words_only():
    text = "قال الوزير, إن الاتفاق قريب; فهل ينجح? نعم، Hello, world? و3, 4"
    assert mended("latin_punctuation", text) == (
        "قال الوزير، إن الاتفاق قريب؛ فهل ينجح؟ نعم، Hello, world? و3, 4"
    )


def test_mixed_digits_flag_the_fewer_kind_and_ignore_figure_markers():
    body = "قتل 12 شخصا وأصيب ٣ آخرون في 2014.\n\n[[صورة 2]]"
    found = run("mixed_digits", Text("headline", "عنوان ٥"), Text("body", body))
    assert [(f.field, f.found, f.replacement) for f in found] == [
        ("headline", "٥", "5"),
        ("body", "٣", "3"),
    ]
    assert not run("mixed_digits", Text("body", "في عام ٢٠١٤\n\n[[صورة 2]]"))


def test_tatweel_inside_a_word_but_not_an_abbreviation():
    assert mended("tatweel", "الحــرب في عام 1445 هـ") == "الحرب في عام 1445 هـ"


def test_doubled_spaces_and_spaces_before_punctuation_but_not_line_breaks():
    text = "قال  الوزير ، إن الاتفاق قريب .\n\nفقرة ثانية (قوسان )"
    assert (
        mended("spacing", text) == "قال الوزير، إن الاتفاق قريب.\n\nفقرة ثانية (قوسان)"
    )


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


def test_a_figure_without_credit_is_named_by_its_number():
    found = run(
        "figure_credit",
        Text("caption:1", "تعليق", has_credit=True),
        Text("caption:2", "تعليق آخر", has_credit=False),
    )
    assert [f.message for f in found] == ["Figure 2 has no credit."]


def test_a_headline_ending_in_a_full_stop_but_not_an_ellipsis_or_the_body():
    assert mended("headline_stop", "الوزير يزور القاهرة.", "headline") == (
        "الوزير يزور القاهرة"
    )
    assert not run("headline_stop", Text("headline", "ماذا بعد..."))
    assert not run("headline_stop", Text("body", "فقرة."))


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
