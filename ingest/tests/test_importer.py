"""The seed-format importer: corpus cases, figures, credits, sub-headings, sources,
text fidelity, warnings, encodings and the files it must refuse."""

import itertools
import json
import os
import random
import subprocess
import sys

import pytest
from django.conf import settings
from django.utils import translation

from ingest.importer import (
    Figure,
    Paragraph,
    ParsedPiece,
    ParseError,
    ParseWarning,
    Subheading,
    split_credit,
)
from ingest.importer.credits import CreditParts
from ingest.importer.structure import ERROR_CODES, WARNING_CODES
from ingest.tests.importer_cases import (
    ALT,
    CAPTION,
    KNOWN,
    PARAGRAPH,
    PARAGRAPH_2,
    SEED,
    comparable,
    dump,
    expected,
    parse,
    seedlike_cases,
    trec_files,
    with_credits,
)


def codes(piece: ParsedPiece) -> list[tuple[int | None, str]]:
    return [(w.line, w.code) for w in piece.warnings]


# --- The corpus -------------------------------------------------------------------


@pytest.mark.parametrize("case", seedlike_cases(), ids=lambda p: p.name)
def test_seed_format_dump_yields_its_expected_structure(case):
    piece = parse(case.read_bytes(), filename=case.name)

    assert comparable(piece.to_json()) == expected(case)


def test_corpus_holds_the_seed_and_sixty_dumps():
    assert len(seedlike_cases()) == 61


def test_seed_blocks_carry_the_line_they_start_on():
    piece = parse(SEED.read_bytes())

    assert [(type(b).__name__, b.line) for b in piece.blocks] == [
        ("Figure", 3),
        ("Paragraph", 6),
        ("Paragraph", 8),
        ("Paragraph", 10),
        ("Paragraph", 12),
        ("Paragraph", 14),
        ("Figure", 16),
        ("Subheading", 19),
        ("Paragraph", 20),
        ("Paragraph", 22),
        ("Paragraph", 24),
        ("Paragraph", 26),
        ("Paragraph", 28),
        ("Paragraph", 30),
    ]


@pytest.mark.usefixtures("english")
def test_seed_warns_only_about_its_sub_heading():
    piece = parse(SEED.read_bytes())

    assert piece.warnings == [
        ParseWarning(
            19, "short_line_subheading", "line 19: short line taken as a sub-heading"
        )
    ]
    assert str(piece.warnings[0]) == "line 19: short line taken as a sub-heading"


def test_seed_piece_reports_format_and_encoding():
    piece = parse(SEED.read_bytes())

    assert piece.format == "seed"
    assert piece.encoding == "utf-8"
    assert piece.headline == "رئيس الأركان الليبي المعين يزور مصر مجددا"
    assert piece.sources == ["وكالات"]
    assert piece.standfirst is None
    assert piece.published_at is None


# --- Figures and credits ----------------------------------------------------------


def test_glued_credit_is_split_from_caption():
    piece = parse(dump(f"{ALT}\n{CAPTION}(الجزيرة)", PARAGRAPH))

    assert piece.blocks[0] == Figure(ALT, CAPTION, "الجزيرة", 3)


def test_spaced_credit_is_split_from_caption():
    piece = parse(dump(f"{CAPTION} (رويترز)", PARAGRAPH))

    assert piece.blocks[0] == Figure(None, CAPTION, "رويترز", 3)


def test_two_word_credit_is_kept_whole():
    piece = parse(dump(f"{CAPTION} (أسوشيتد برس)", PARAGRAPH))

    assert piece.blocks[0].credit == "أسوشيتد برس"


def test_archive_credit_is_kept_exactly_as_written():
    piece = parse(dump(f"{CAPTION}(رويترز-أرشيف)", PARAGRAPH))

    assert piece.blocks[0] == Figure(None, CAPTION, "رويترز-أرشيف", 3)
    assert piece.warnings == []


def test_identical_lines_give_alt_equal_to_caption_without_credit():
    line = f"{CAPTION} (غيتي)"
    piece = parse(dump(f"{line}\n{line}", PARAGRAPH))

    assert piece.blocks[0] == Figure(CAPTION, CAPTION, "غيتي", 3)


def test_identical_lines_without_credit_are_a_figure_with_a_warning():
    piece = parse(dump(f"{CAPTION}\n{CAPTION}", PARAGRAPH))

    assert piece.blocks[0] == Figure(CAPTION, CAPTION, None, 3)
    assert codes(piece) == [(3, "identical_lines_figure")]


def test_single_caption_line_has_no_alt_text():
    piece = parse(dump(PARAGRAPH, f"{CAPTION} (الأناضول)", PARAGRAPH_2))

    assert piece.blocks == [
        Paragraph(PARAGRAPH, 3),
        Figure(None, CAPTION, "الأناضول", 5),
        Paragraph(PARAGRAPH_2, 7),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "وتوفي الفنان الكبير صباح اليوم في أحد مستشفيات القاهرة (65 عاما)",
        "وقال الخبير إن سعر الصرف الرسمي سيبقى ثابتا (الدولار = 0.8 يورو)",
        "وارتفعت الأسعار بنسبة كبيرة هذا الشهر (12%)",
    ],
)
def test_parenthesis_with_numbers_ends_an_ordinary_line(sentence):
    piece = parse(dump(PARAGRAPH, sentence + ".", PARAGRAPH_2))

    assert not any(isinstance(b, Figure) for b in piece.blocks)
    piece = parse(dump(PARAGRAPH, sentence, PARAGRAPH_2))
    assert not any(isinstance(b, Figure) for b in piece.blocks)


def test_acronym_closing_a_sentence_is_not_a_credit():
    sentence = (
        "وقررت الدول الأعضاء في منظمة البلدان المصدرة للبترول خفض الإنتاج "
        "بمقدار مليون برميل يوميا بدءا من الشهر المقبل (أوبك)."
    )
    piece = parse(dump(PARAGRAPH, sentence, PARAGRAPH_2))

    assert piece.blocks[1] == Paragraph(sentence, 5)


@pytest.mark.usefixtures("english")
def test_known_credit_at_the_end_of_a_long_paragraph_is_not_taken():
    long_line = " ".join([PARAGRAPH.rstrip("."), PARAGRAPH_2.rstrip(".")]) + " (رويترز)"
    piece = parse(dump(PARAGRAPH, long_line))

    assert piece.blocks[1] == Paragraph(long_line, 5)
    assert codes(piece) == [(5, "parenthesis_not_credit")]
    assert piece.warnings[0].message == (
        "line 5: might be a photo caption: final parentheses (رويترز) not taken as a credit"
    )


def test_unknown_name_closing_a_short_caption_is_taken_with_a_warning():
    piece = parse(dump(f"{CAPTION} (وكالة سبوتنيك)", PARAGRAPH))

    assert piece.blocks[0] == Figure(None, CAPTION, "وكالة سبوتنيك", 3)
    assert codes(piece) == [(3, "unknown_credit")]


def test_short_sentence_ending_in_an_unknown_parenthesis_stays_a_paragraph():
    sentence = (
        "وأضاف المتحدث أن أسعار النفط ارتفعت بعد قرار منظمة الدول المصدرة للبترول "
        "(أوبك)"
    )
    piece = parse(dump(PARAGRAPH, "توتر سياسي", sentence, PARAGRAPH_2))

    assert piece.blocks[1:3] == [Subheading("توتر سياسي", 5), Paragraph(sentence, 7)]
    assert (7, "parenthesis_not_credit") in codes(piece)


def test_unknown_name_glued_to_a_short_caption_is_taken_with_a_warning():
    piece = parse(dump(f"{CAPTION}(سبوتنيك)", PARAGRAPH))

    assert piece.blocks[0] == Figure(None, CAPTION, "سبوتنيك", 3)
    assert codes(piece) == [(3, "unknown_credit")]


def test_caption_directly_after_a_paragraph_is_read_as_two_blocks():
    piece = parse(dump(f"{PARAGRAPH}\n{CAPTION} (الجزيرة)", PARAGRAPH_2))

    assert piece.blocks == [
        Paragraph(PARAGRAPH, 3),
        Figure(None, CAPTION, "الجزيرة", 4),
        Paragraph(PARAGRAPH_2, 6),
    ]


def test_two_short_lines_without_credit_are_alt_and_caption_with_a_warning():
    piece = parse(dump(f"{ALT}\n{CAPTION}", PARAGRAPH))

    assert piece.blocks[0] == Figure(ALT, CAPTION, None, 3)
    assert codes(piece) == [(3, "figure_without_credit")]


@pytest.mark.parametrize(
    ("credit", "parts"),
    [
        ("رويترز-أرشيف", CreditParts("رويترز", "أرشيف")),
        ("رويترز - أرشيف", CreditParts("رويترز", "أرشيف")),
        ("رويترز أرشيف", CreditParts("رويترز", "أرشيف")),
        ("مواقع التواصل-أرشيف", CreditParts("مواقع التواصل", "أرشيف")),
        ("الجزيرة-ارشيف", CreditParts("الجزيرة", "ارشيف")),
        ("أرشيف - الجزيرة", CreditParts("الجزيرة", "أرشيف")),
        ("الجزيرة", CreditParts("الجزيرة")),
        ("الجزيرة نت", CreditParts("الجزيرة نت")),
        ("أرشيف", CreditParts("أرشيف")),
        ("  الأناضول  ", CreditParts("الأناضول")),
        ("تصوير: علي كريم", CreditParts(None, photographer="علي كريم")),
        ("تصوير: علي كريم/رويترز", CreditParts("رويترز", photographer="علي كريم")),
        ("عدسة علي كريم / رويترز-أرشيف", CreditParts("رويترز", "أرشيف", "علي كريم")),
        ("علي كريم/رويترز", CreditParts("رويترز", photographer="علي كريم")),
        # Two agencies the newsroom knows stay one credit as written.
        ("الجزيرة/رويترز", CreditParts("الجزيرة/رويترز")),
    ],
)
def test_split_credit_separates_the_archive_note_and_the_photographer(credit, parts):
    assert split_credit(credit, KNOWN) == parts


def test_a_figure_carries_its_credit_split():
    piece = parse(dump(f"{CAPTION} (تصوير: علي كريم/رويترز-أرشيف)", PARAGRAPH))

    figure = piece.blocks[0]
    assert figure.credit == "تصوير: علي كريم/رويترز-أرشيف"
    assert figure.credit_parts == CreditParts("رويترز", "أرشيف", "علي كريم")


# --- Sub-headings -------------------------------------------------------------------


def test_subheading_runs_straight_into_its_paragraph():
    piece = parse(dump(PARAGRAPH, f"توتر سياسي وعسكري\n{PARAGRAPH_2}"))

    assert piece.blocks == [
        Paragraph(PARAGRAPH, 3),
        Subheading("توتر سياسي وعسكري", 5),
        Paragraph(PARAGRAPH_2, 6),
    ]
    assert codes(piece) == [(5, "short_line_subheading")]


def test_subheading_may_stand_alone_before_its_paragraph():
    piece = parse(dump(PARAGRAPH, "كتاباته بأسلوبه الممتع والمشوق", PARAGRAPH_2))

    assert piece.blocks[1] == Subheading("كتاباته بأسلوبه الممتع والمشوق", 5)


def test_short_line_at_the_end_stays_a_paragraph():
    piece = parse(dump(PARAGRAPH, "انتهى وروجع"))

    assert piece.blocks[-1] == Paragraph("انتهى وروجع", 5)
    assert codes(piece) == [(5, "short_line_paragraph")]


def test_short_line_before_a_figure_stays_a_paragraph():
    piece = parse(dump(PARAGRAPH, "صور من المكان", f"{CAPTION} (الجزيرة)", PARAGRAPH_2))

    assert piece.blocks[1] == Paragraph("صور من المكان", 5)
    assert (5, "short_line_paragraph") in codes(piece)


def test_short_first_block_is_not_a_subheading():
    piece = parse(dump("توتر سياسي وعسكري", PARAGRAPH))

    assert piece.blocks[0] == Paragraph("توتر سياسي وعسكري", 3)


def test_short_line_ending_a_sentence_is_a_paragraph():
    piece = parse(dump(PARAGRAPH, "وانتهى الاجتماع دون اتفاق.", PARAGRAPH_2))

    assert piece.blocks[1] == Paragraph("وانتهى الاجتماع دون اتفاق.", 5)
    assert codes(piece) == []


@pytest.mark.parametrize(
    "line",
    ["1- أسس شركتك الخاصة", "ديسمبر كانون الأول، وحولت", "11492 –", "البرلمان وأنه"],
)
def test_any_short_unpunctuated_line_before_a_paragraph_is_a_subheading(line):
    piece = parse(dump(PARAGRAPH, line, PARAGRAPH_2))

    assert piece.blocks[1] == Subheading(line, 5)


# --- Source line --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "sources"),
    [
        ("المصدر : وكالات", ["وكالات"]),
        ("المصدر: وكالات", ["وكالات"]),
        ("المصدر :وكالات", ["وكالات"]),
        ("المصدر : الجزيرة + وكالات", ["الجزيرة", "وكالات"]),
        ("المصدر : الجزيرة+رويترز", ["الجزيرة", "رويترز"]),
        ("المصدر : الجزيرة + الفرنسية + رويترز", ["الجزيرة", "الفرنسية", "رويترز"]),
    ],
)
def test_last_line_names_the_sources_in_order(line, sources):
    piece = parse(dump(PARAGRAPH, source=line))

    assert piece.sources == sources
    assert piece.blocks == [Paragraph(PARAGRAPH, 3)]


def test_source_word_inside_a_sentence_is_ordinary_text():
    sentence = "وقال المصدر: إن المفاوضات ستستأنف قريبا في العاصمة بحضور جميع الأطراف."
    piece = parse(dump(sentence, PARAGRAPH, source=None))

    assert piece.blocks == [Paragraph(sentence, 3), Paragraph(PARAGRAPH, 5)]
    assert piece.sources == []


def test_missing_source_line_is_a_warning_not_an_error():
    piece = parse(dump(PARAGRAPH, PARAGRAPH_2, source=None))

    assert piece.sources == []
    assert codes(piece) == [(5, "missing_source_line")]


# --- Text fidelity ------------------------------------------------------------------


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


# --- Layout oddities ----------------------------------------------------------------


def test_lines_without_blank_between_are_joined_with_a_warning():
    piece = parse(dump(f"{PARAGRAPH}\n{PARAGRAPH_2}"))

    assert piece.blocks == [Paragraph(f"{PARAGRAPH} {PARAGRAPH_2}", 3)]
    assert codes(piece) == [(4, "lines_joined")]


@pytest.mark.usefixtures("english")
def test_repeated_paragraph_is_kept_as_written_with_a_warning():
    piece = parse(dump(PARAGRAPH, PARAGRAPH, PARAGRAPH_2))

    assert piece.blocks == [
        Paragraph(PARAGRAPH, 3),
        Paragraph(PARAGRAPH, 5),
        Paragraph(PARAGRAPH_2, 7),
    ]
    assert piece.warnings == [
        ParseWarning(
            5, "duplicate_paragraph_kept", "line 5: repeats the paragraph of line 3"
        )
    ]


def test_paragraph_repeated_on_the_next_line_is_dropped():
    piece = parse(dump(f"{PARAGRAPH}\n{PARAGRAPH}", PARAGRAPH_2))

    assert piece.blocks == [Paragraph(PARAGRAPH, 3), Paragraph(PARAGRAPH_2, 6)]
    assert codes(piece) == [(4, "duplicate_paragraph_dropped")]


def test_missing_blank_after_headline_is_a_warning():
    piece = parse(f"عنوان الخبر\n{PARAGRAPH}\n\nالمصدر : الجزيرة\n".encode())

    assert piece.blocks == [Paragraph(PARAGRAPH, 2)]
    assert codes(piece) == [(2, "no_blank_after_headline")]


def test_blank_lines_before_the_headline_are_skipped():
    piece = parse(f"\n\n  \nعنوان الخبر\n\n{PARAGRAPH}\n".encode())

    assert piece.headline == "عنوان الخبر"
    assert piece.blocks == [Paragraph(PARAGRAPH, 6)]


# --- Encodings and line ends --------------------------------------------------------

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding)


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("final_newline", [True, False], ids=["final", "no-final"])
@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16-le"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("cp1256", "cp1256"),
    ],
)
def test_seed_reads_the_same_in_every_encoding_and_line_end(
    encoding, reported, line_end, final_newline
):
    text = SEED_TEXT if final_newline else SEED_TEXT.rstrip("\n")
    piece = parse(_encode(text.replace("\n", line_end), encoding))
    reference = parse(SEED.read_bytes())

    assert piece.encoding == reported
    assert piece.to_json() == reference.to_json()
    assert [b.line for b in piece.blocks] == [b.line for b in reference.blocks]


def test_cp1256_is_told_from_utf8():
    utf8 = parse(dump(PARAGRAPH))
    cp1256 = parse(dump(PARAGRAPH).decode("utf-8").encode("cp1256"))

    assert (utf8.encoding, cp1256.encoding) == ("utf-8", "cp1256")
    assert utf8.blocks == cp1256.blocks


# --- Files that cannot be imported --------------------------------------------------


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (b"", "empty", "dump.txt: the file is empty"),
        (b"  \n\t\n\r\n", "blank", "dump.txt: the file holds only white space"),
        (
            "\u00a0\n \u00a0\n".encode(),
            "blank",
            "dump.txt: the file holds only white space",
        ),
        (b"\xef\xbb\xbf\n", "blank", "dump.txt: the file holds only white space"),
        (
            "عنوان الخبر\n\n".encode(),
            "no_body",
            "dump.txt, line 1: the file holds a headline but no body",
        ),
        (
            "\nعنوان الخبر\n\nالمصدر : الجزيرة\n".encode(),
            "no_body",
            "dump.txt, line 2: the file holds a headline but no body",
        ),
    ],
    ids=["empty", "white-space", "nbsp-only", "bom-only", "headline-only", "no-body"],
)
def test_file_without_a_piece_is_refused_with_a_clear_message(data, code, message):
    with pytest.raises(ParseError) as caught:
        parse(data, filename="dump.txt")

    assert caught.value.code == code
    assert code in ERROR_CODES
    assert str(caught.value) == message


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(40), "a JPEG image"),
        (b"GIF89a" + bytes(20), "a GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (or a Word/OpenDocument file)"),
        (b"\x1f\x8b\x08\x00" + bytes(10), "a gzip archive"),
    ],
    ids=["png", "jpeg", "gif", "pdf", "zip", "gzip"],
)
def test_renamed_binary_file_is_refused(data, kind):
    with pytest.raises(ParseError) as caught:
        parse(data, filename="photo.txt")

    assert caught.value.code == "binary"
    assert str(caught.value) == f"photo.txt: the file is {kind}, not a text dump"


def test_bytes_with_nul_are_refused_as_binary():
    with pytest.raises(ParseError) as caught:
        parse(b"headline\n\nsome\x00binary\x00data")

    assert caught.value.code == "binary"


@pytest.mark.usefixtures("english")
def test_random_high_bytes_are_neither_utf8_nor_cp1256():
    junk = bytes((i * 97 + 31) % 128 + 128 for i in range(3000))

    with pytest.raises(ParseError) as caught:
        parse(junk)

    assert caught.value.code == "undecodable"
    assert "neither UTF-8" in str(caught.value)


def test_latin1_text_is_not_taken_for_cp1256():
    french = "L'été dernier, à Besançon, la fête a réuni élèves et maîtres.\n" * 20

    with pytest.raises(ParseError) as caught:
        parse(french.encode("latin-1"))

    assert caught.value.code == "undecodable"


def test_broken_utf16_is_refused():
    with pytest.raises(ParseError) as caught:
        parse(b"\xff\xfe" + "عنوان".encode("utf-16-le") + b"\x00\xd8")

    assert caught.value.code == "undecodable"


@pytest.mark.usefixtures("english")
def test_file_over_the_limit_is_refused_naming_the_limit():
    data = dump(PARAGRAPH) * (5 * 1024 * 1024 // len(dump(PARAGRAPH)) + 1)

    with pytest.raises(ParseError) as caught:
        parse(data, filename="big.txt", max_bytes=5 * 1024 * 1024)

    assert caught.value.code == "too_large"
    assert str(caught.value) == (
        f"big.txt: the file is {len(data):,} bytes ({len(data) / 1048576:.1f} MiB), "
        "over the limit of 5,242,880 bytes (5.0 MiB)"
    )


def test_file_at_the_limit_is_read():
    data = dump(PARAGRAPH)

    assert parse(data, max_bytes=len(data)).blocks == [Paragraph(PARAGRAPH, 3)]


@pytest.mark.usefixtures("english")
def test_parse_error_is_a_value_error_with_one_line():
    with pytest.raises(ValueError, match=r"^the file is empty$"):
        parse(b"")


def test_parse_refuses_text_instead_of_bytes():
    with pytest.raises(TypeError):
        parse("عنوان")


# --- Size -----------------------------------------------------------------------------


def test_twenty_thousand_lines_parse():
    # How the time grows with the size is measured in benchmarks/parser_scaling.py.
    blocks = [f"الفقرة رقم {i} من النص الطويل التي تنتهي بنقطة." for i in range(10_000)]
    piece = parse(dump(*blocks))  # 20,000 lines with the blank ones

    assert len(piece.blocks) == 10_000
    assert piece.blocks[-1].text == blocks[-1]


def test_twenty_thousand_short_lines_without_blanks_parse():
    lines = "\n".join(f"سطر قصير رقم {i}" for i in range(20_000))
    piece = parse(f"عنوان\n\n{lines}\n".encode())

    assert len(piece.blocks) == 20_000


# --- Messages in the editor's language ------------------------------------------------


def test_a_warning_is_worded_in_the_language_active_when_it_is_shown():
    """Parsed once (say by a worker with no language), shown to each reader in theirs."""
    with translation.override("en"):
        (warning,) = parse(SEED.read_bytes()).warnings

    assert (warning.line, warning.code, warning.params) == (
        19,
        "short_line_subheading",
        {},
    )
    with translation.override("ar"):
        assert str(warning) == "السطر 19: سطر قصير اعتُبر عنوانًا فرعيًا"
        assert warning == ParseWarning(
            19, "short_line_subheading", "السطر 19: سطر قصير اعتُبر عنوانًا فرعيًا"
        )
    with translation.override("en"):
        assert str(warning) == "line 19: short line taken as a sub-heading"


def test_a_warning_keeps_its_values_as_parameters():
    long_line = " ".join([PARAGRAPH.rstrip("."), PARAGRAPH_2.rstrip(".")]) + " (رويترز)"
    (warning,) = parse(dump(PARAGRAPH, long_line)).warnings

    assert warning.params == {"text": "رويترز"}
    assert warning.to_json()["params"] == {"text": "رويترز"}


def test_warning_with_a_value_keeps_the_value_in_arabic():
    long_line = " ".join([PARAGRAPH.rstrip("."), PARAGRAPH_2.rstrip(".")]) + " (رويترز)"

    with translation.override("ar"):
        (warning,) = parse(dump(PARAGRAPH, long_line)).warnings

    assert warning.code == "parenthesis_not_credit"
    assert warning.message == (
        "السطر 5: قد يكون تعليق صورة: لم يُعتبر ما بين القوسين في آخر السطر "
        "(رويترز) اعتمادًا للصورة"
    )


@pytest.mark.parametrize(
    ("language", "empty", "headline_only"),
    [
        (
            "ar",
            "dump.txt: الملف فارغ",
            "dump.txt، السطر 1: في الملف عنوان بلا متن",
        ),
        (
            "en",
            "dump.txt: the file is empty",
            "dump.txt, line 1: the file holds a headline but no body",
        ),
    ],
)
def test_parse_error_is_in_the_language_active_when_shown(
    language, empty, headline_only
):
    other = "en" if language == "ar" else "ar"
    with translation.override(other):
        with pytest.raises(ParseError) as no_data:
            parse(b"", filename="dump.txt")
        with pytest.raises(ParseError) as no_body:
            parse("عنوان الخبر\n\n".encode(), filename="dump.txt")

    with translation.override(language):
        assert (str(no_data.value), str(no_body.value)) == (empty, headline_only)
    assert (no_data.value.code, no_body.value.code) == ("empty", "no_body")


def test_refusal_naming_the_file_type_is_in_arabic():
    with translation.override("ar"):
        with pytest.raises(ParseError) as caught:
            parse(b"\x89PNG\r\n\x1a\n" + bytes(40), filename="photo.txt")

        assert str(caught.value) == "photo.txt: الملف صورة PNG، وليس ملفًا نصيًا"


def test_refusal_of_a_large_file_gives_both_sizes_in_arabic():
    data = dump(PARAGRAPH) * (2048 // len(dump(PARAGRAPH)) + 1)

    with translation.override("ar"), pytest.raises(ParseError) as caught:
        parse(data, max_bytes=1000)

    assert caught.value.message == (
        f"حجم الملف {len(data):,} بايت ({len(data) / 1024:.1f} كيلوبايت)، "
        "وهو أكبر من الحد المسموح (1,000 بايت)"
    )


def test_every_warning_of_the_corpus_is_translated():
    for case in [*seedlike_cases(), *trec_files()]:
        for warning in parse(case.read_bytes()).warnings:
            with translation.override("en"):
                english = str(warning)
            with translation.override("ar"):
                arabic = str(warning)
            assert arabic != english, (case.name, english)
            assert arabic.startswith(f"السطر {warning.line}: "), arabic


def test_importing_the_parser_translates_nothing():
    """Messages are translated when they are made, never when the modules load: the
    parser imports with no Django settings at all."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "import ingest.importer, ingest.importer.decode; print('ok')"

    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


# --- The JSON shape -------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_to_json_gives_the_seed_structure_and_only_present_extras():
    data = parse(SEED.read_bytes()).to_json()

    assert list(data) == ["headline", "blocks", "sources", "format", "warnings"]
    assert data["blocks"][0] == {
        "type": "figure",
        "alt": 'قوات "شورى ثوار بنغازي" تسيطر على معسكر الدفاع الجوي',
        "caption": (
            "مدينة بنغازي ما زالت تشهد قتالا بين قوات حفتر ومقاتلي مجلس شورى ثوار بنغازي"
        ),
        "credit": "الجزيرة",
    }
    assert data["blocks"][7] == {"type": "subheading", "text": "توتر سياسي وعسكري"}
    assert data["warnings"] == [
        {
            "line": 19,
            "code": "short_line_subheading",
            "params": {},
            "message": "line 19: short line taken as a sub-heading",
        }
    ]
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_random_high_bytes_with_line_breaks_are_refused():
    rng = random.Random(7)
    alphabet = [*range(128, 256), *[10] * 8, *[32] * 20]
    refused = 0
    for _ in range(200):
        junk = bytes(rng.choice(alphabet) for _ in range(100))
        try:
            parse(junk)
        except ParseError as err:
            refused += err.code == "undecodable"

    assert refused == 200


def test_every_warning_code_of_the_corpus_is_documented():
    for case in seedlike_cases():
        for warning in parse(case.read_bytes()).warnings:
            assert warning.code in WARNING_CODES


def test_one_run_of_twenty_thousand_lines_is_joined():
    lines = "\n".join(f"{PARAGRAPH} رقم {i}." for i in range(20_000))
    piece = parse(f"عنوان الخبر\n\n{lines}\n".encode())

    assert len(piece.blocks) == 1
    assert piece.blocks[0].text.endswith("رقم 19999.")
    assert [w.code for w in piece.warnings].count("lines_joined") == 19_999


def test_deeply_nested_bidi_controls_are_read():
    line = "\u2066\u202a" * 50_000 + "نص" + "\u2069" * 50_000 + " في السطر."
    piece = parse(dump(PARAGRAPH, line))

    assert (
        piece.blocks[1].text
        == "\u2066" * 50_000 + "نص" + "\u2069" * 50_000 + " في السطر."
    )


# --- Figures recognised by their shape, whatever their credit ---------------------------

#: A line between two paragraphs, parsed with no credit known to the newsroom, and
#: what it must be read as.
BORDERLINE = [
    ("ولم يكتف الشباب بذلك بل رسموا على جدران المدرسة لوحات (تصوير: علي كريم)", Figure),
    ("وصل الوفد إلى العاصمة صباح اليوم في زيارة تستمر يومين (قنا)", Figure),
    ("جانب من الدمار الذي خلفه القصف في الحي القديم (وكالة الأنباء العمانية)", Figure),
    ("متظاهرون يرفعون الأعلام أمام مقر الحكومة (مواقع التواصل)", Figure),
    ("لقطة من الأرشيف للميناء قبل توسعته (أرشيف)", Figure),
    ("الرئيس يستقبل الوفد في القصر الجمهوري (علي كريم/سانا)", Figure),
    ("أطفال يلعبون في أحد مخيمات النزوح شمالي البلاد(يونيسف)", Figure),
    (
        "وأضاف المتحدث أن أسعار النفط ارتفعت بعد قرار منظمة الدول المصدرة للبترول "
        "(أوبك)",
        Paragraph,
    ),
    ("وقال إن الحكومة ستلتزم بقرار منظمة الدول المصدرة للنفط (أوبك).", Paragraph),
    ("وتوفي الرجل في منزله بعد صراع طويل مع المرض (65 عاما)", Paragraph),
    ("وارتفع سعر صرف العملة المحلية أمس (الدولار = 0.8 يورو)", Paragraph),
    (
        " ".join([PARAGRAPH.rstrip("."), PARAGRAPH_2.rstrip(".")]) + " (رويترز)",
        Paragraph,
    ),
    ("انتهت الجلسة دون اتفاق. وسيجتمع الطرفان مجددا الأسبوع المقبل (قنا)", Paragraph),
    # A caption may open like a report of speech: no evidence either way.
    ("قال وزير الخارجية إن المفاوضات ستستأنف قريبا في العاصمة (سانا)", Figure),
    ("وأكدت الشرطة أن التحقيق ما زال جاريا (ناشطون)", Figure),
    ("مقر منظمة الصحة العالمية في جنيف (تصوير: ليلى أحمد)", Figure),
    # A parenthesis abbreviating the organisation named just before it.
    (
        "وأعلنت الحكومة أن الرئيس سيزور البلاد الأسبوع المقبل بحسب وكالة الأنباء "
        "السعودية (واس)",
        Paragraph,
    ),
    ("ودعا الوزير المانحين إلى دعم جهود برنامج الأغذية العالمي(WFP)", Paragraph),
    # An item of a list.
    ("- الهجوم: محمد السهلاوي (النصر)، مهند عسيري وعبدالله العنزي (الأهلي)", Paragraph),
    ("6- غوغل دودل وهي الرسوم التي تزين شعار محرك البحث (الخربشة)", Paragraph),
]


@pytest.mark.parametrize(("line", "reading"), BORDERLINE)
def test_a_line_ending_in_parentheses_is_read_by_its_shape(line, reading):
    from ingest.importer import parse as parse_without_known_credits

    piece = parse_without_known_credits(dump(PARAGRAPH, line, PARAGRAPH_2))

    assert type(piece.blocks[1]) is reading, piece.blocks[1]


def test_an_unknown_credit_taken_is_flagged_on_its_line():
    from ingest.importer import parse as parse_without_known_credits

    piece = parse_without_known_credits(
        dump(PARAGRAPH, "وصل الوفد إلى العاصمة صباح اليوم في زيارة تستمر يومين (قنا)")
    )

    assert (5, "unknown_credit") in codes(piece)


def test_a_known_credit_makes_a_longer_line_a_caption():
    line = (
        "كما ناقش الجانبان جهود مكافحة الإرهاب مؤكدين أهمية استمرار التنسيق الأمني "
        "بين البلدين في المرحلة المقبلة لمواجهة التحديات الأمنية والاقتصادية الراهنة "
        "في المنطقة (سبأ)"
    )
    from ingest.importer import parse as parse_without_known_credits

    unknown = parse_without_known_credits(dump(PARAGRAPH, line, PARAGRAPH_2))
    known = parse(dump(PARAGRAPH, line, PARAGRAPH_2), known_credits=["سبأ"])

    assert type(unknown.blocks[1]) is Paragraph
    assert type(known.blocks[1]) is Figure


#: Blocks of a dump (between the headline and the source line) whose reading depends on
#: where a line stands, parsed with no credit known, and the kinds of blocks they give.
PLACEMENTS = [
    # Several sentences on a lone line: a paragraph between paragraphs, but a caption
    # where the lead photo goes, first in the body.
    (
        [
            "انتهت الجلسة دون اتفاق. وسيجتمع الطرفان مجددا الأسبوع المقبل (قنا)",
            PARAGRAPH,
        ],
        [Figure, Paragraph],
    ),
    # The same line twice is the format's figure, whatever the line says.
    (
        [
            PARAGRAPH,
            "انتهت الجلسة دون اتفاق. وسيجتمع الطرفان (قنا)\n"
            "انتهت الجلسة دون اتفاق. وسيجتمع الطرفان (قنا)",
            PARAGRAPH_2,
        ],
        [Paragraph, Figure, Paragraph],
    ),
    # An alt line above a caption that reports speech.
    (
        [
            PARAGRAPH,
            f"{ALT}\nوقال المتحدث إن فرق الإنقاذ ما زالت تبحث عن المفقودين (واع)",
            PARAGRAPH_2,
        ],
        [Paragraph, Figure, Paragraph],
    ),
    # A sub-heading running into a paragraph that ends in an abbreviation is no alt
    # line.
    (
        [
            PARAGRAPH,
            "أسعار النفط\nوأضاف المتحدث أن أسعار النفط ارتفعت بعد قرار منظمة الدول "
            "المصدرة للبترول (أوبك)",
            PARAGRAPH_2,
        ],
        [Paragraph, Subheading, Paragraph, Paragraph],
    ),
]


@pytest.mark.parametrize(("blocks", "kinds"), PLACEMENTS)
def test_a_line_ending_in_parentheses_is_read_by_its_place(blocks, kinds):
    from ingest.importer import parse as parse_without_known_credits

    piece = parse_without_known_credits(dump(*blocks))

    assert [type(b) for b in piece.blocks] == kinds, piece.blocks


#: Credits outside every list the project ships, and other than those of
#: benchmarks/unseen_credits.py, so that the shape rules are checked on names they were
#: not tuned on.
OTHER_UNSEEN_CREDITS = [
    "تصوير: محمد الحسن",
    "عدسة ليلى أحمد",
    "وفا",
    "واع",
    "ومع",
    "أ ش أ",
    "صورة أرشيفية",
    "فيسبوك",
    "إنستغرام",
    "أحمد يوسف/وفا",
    "صحيفة الأهرام",
    "التلفزيون الرسمي",
    "الصليب الأحمر",
    "Xinhua",
    "وزارة الدفاع",
    "الرئاسة المصرية",
    "حساب الوزارة على تويتر",
    "الجيش الإسرائيلي",
    "خاص",
    "ناشطون",
]


@pytest.mark.parametrize("credit", OTHER_UNSEEN_CREDITS)
def test_corpus_figures_with_credits_nobody_listed_are_read_whole(credit):
    """Every corpus dump, each credit replaced by one no newsroom lists (glued to the
    caption or not, in turn), parsed with no known credit: every figure is a figure,
    every paragraph a paragraph."""
    from ingest.importer import parse as parse_without_known_credits

    glued = itertools.cycle([False, True])
    for case in seedlike_cases():
        structure = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
        text, structure = with_credits(
            case.read_bytes(), structure, itertools.repeat(credit), glued=glued
        )

        piece = parse_without_known_credits(text.encode("utf-8"))

        assert comparable(piece.to_json()) == comparable(structure), case.name
