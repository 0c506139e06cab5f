"""Tidying lines (``ingest/importer/tidy.py``): the text kept as the journalist wrote
it; white space, control characters and bidi controls."""

from ingest.importer import Paragraph
from ingest.tests.importer_cases import PARAGRAPH, PARAGRAPH_2, codes, dump, parse


def test_text_is_kept_as_the_journalist_wrote_it():
    text = "وقال فى بيانه إن الجيشَ سيُعيد الانتشار خلال ٤٨ ساعة في الـ26 من Mars الجارى."
    piece = parse(dump(text))

    assert piece.blocks == [Paragraph(text, 3)]


def test_no_break_spaces_tabs_and_double_spaces_fold_to_one_space():
    piece = parse(dump("وقال\u00a0 المتحدث\t\tإن  الاجتماع انتهى دون أي اتفاق يذكر.  "))

    assert piece.blocks[0].text == "وقال المتحدث إن الاجتماع انتهى دون أي اتفاق يذكر."


def test_line_of_no_break_spaces_counts_as_blank():
    data = ("عنوان\n\n" + PARAGRAPH + "\n\u00a0 \u00a0\n" + PARAGRAPH_2 + "\n").encode()
    piece = parse(data)

    assert piece.blocks == [Paragraph(PARAGRAPH, 3), Paragraph(PARAGRAPH_2, 5)]


def test_html_and_script_are_kept_as_plain_text():
    text = 'وكتب <b>المتحدث</b> &amp; <script>alert("x")</script> في بيانه.'
    piece = parse(dump(text))

    assert piece.blocks == [Paragraph(text, 3)]


def test_right_to_left_override_never_survives():
    piece = parse(dump("وقال المتحدث \u202eإن الاجتماع\u202c انتهى دون اتفاق."))

    assert piece.blocks[0].text == "وقال المتحدث إن الاجتماع انتهى دون اتفاق."
    assert codes(piece) == [(3, "bidi_override_removed")]


def test_closer_that_closes_nothing_is_kept_as_written():
    piece = parse(dump("\u202cدبي، الإمارات العربية المتحدة في بيان رسمي.\u2069"))

    assert (
        piece.blocks[0].text
        == "\u202cدبي، الإمارات العربية المتحدة في بيان رسمي.\u2069"
    )


def test_unclosed_bidi_embedding_is_removed_and_closed_one_kept():
    piece = parse(
        dump("نص \u202bمضمن\u202c وآخر \u202aمفتوح بلا إغلاق حتى نهاية السطر.")
    )

    assert (
        piece.blocks[0].text
        == "نص \u202bمضمن\u202c وآخر مفتوح بلا إغلاق حتى نهاية السطر."
    )


def test_marks_are_kept_by_default_and_dropped_in_strict_mode():
    text = "وعلي صالح علي \u200eالصقري و\u200bالآخرين\ufeff وجَّه الرسالة."
    default = parse(dump(text))
    strict = parse(dump(text), strict=True)

    assert (
        default.blocks[0].text
        == "وعلي صالح علي \u200eالصقري و\u200bالآخرين وجَّه الرسالة."
    )
    # strict: LRM and ZWSP removed, NFC puts the fatha before the shadda.
    assert strict.blocks[0].text == "وعلي صالح علي الصقري والآخرين وجَّه الرسالة."


def test_zero_width_non_joiner_is_kept_even_in_strict_mode():
    piece = parse(dump("اسم فارسي مي\u200cخواهم في النص."), strict=True)

    assert "\u200c" in piece.blocks[0].text


def test_control_characters_are_dropped():
    piece = parse(dump("وقال\x07 المتحدث\x1b إن الاجتماع انتهى."))

    assert piece.blocks[0].text == "وقال المتحدث إن الاجتماع انتهى."


def test_deeply_nested_bidi_controls_are_read():
    line = "\u2066\u202a" * 50_000 + "نص" + "\u2069" * 50_000 + " في السطر."
    piece = parse(dump(PARAGRAPH, line))

    assert (
        piece.blocks[1].text
        == "\u2066" * 50_000 + "نص" + "\u2069" * 50_000 + " في السطر."
    )
