"""The seed format (``ingest/importer/seed.py``): the corpus of dumps and the reference
dump, the source line, layout oddities and very long dumps."""

import pytest

from ingest.importer import Paragraph, ParseWarning
from ingest.tests.importer_cases import (
    PARAGRAPH,
    PARAGRAPH_2,
    SEED,
    codes,
    comparable,
    dump,
    expected,
    parse,
    seedlike_cases,
)

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


def test_one_run_of_twenty_thousand_lines_is_joined():
    lines = "\n".join(f"{PARAGRAPH} رقم {i}." for i in range(20_000))
    piece = parse(f"عنوان الخبر\n\n{lines}\n".encode())

    assert len(piece.blocks) == 1
    assert piece.blocks[0].text.endswith("رقم 19999.")
    assert [w.code for w in piece.warnings].count("lines_joined") == 19_999
