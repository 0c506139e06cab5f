"""Sub-headings (``ingest/importer/headings.py``): which short lines are sub-headings
and which stay paragraphs."""

import pytest

from ingest.importer import Paragraph, Subheading
from ingest.tests.importer_cases import (
    CAPTION,
    PARAGRAPH,
    PARAGRAPH_2,
    codes,
    dump,
    parse,
)


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
