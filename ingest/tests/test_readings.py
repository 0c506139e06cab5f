"""Blocks the parser was unsure of (ingest.importer.readings): listed by their line,
and read the other way when the editor says so."""

import pytest

from ingest.importer import Figure, Paragraph, Subheading
from ingest.importer.readings import read_as, unsure_blocks
from ingest.tests.importer_cases import PARAGRAPH, PARAGRAPH_2, dump, parse

UNKNOWN_AGENCY = "وصل الوفد إلى العاصمة صباح اليوم في زيارة تستمر يومين (وفا)"
# Two sentences of a paragraph's length: a paragraph, but with a known credit at the end.
SENTENCE = " ".join([PARAGRAPH.rstrip("."), PARAGRAPH_2.rstrip(".")]) + " (رويترز)"


def test_a_figure_with_an_unknown_credit_may_be_read_as_a_paragraph():
    piece = parse(dump(PARAGRAPH, UNKNOWN_AGENCY, PARAGRAPH_2))
    assert unsure_blocks(piece) == {5: "figure"}
    assert isinstance(piece.blocks[1], Figure)
    again = read_as(piece, 5, "paragraph")
    assert again.blocks[1] == Paragraph(UNKNOWN_AGENCY, 5)
    assert again.blocks[0] == piece.blocks[0] and again.blocks[2] == piece.blocks[2]
    assert read_as(piece, 5, "figure") == piece


def test_a_paragraph_ending_in_a_credit_may_be_read_as_a_figure():
    piece = parse(dump(PARAGRAPH, SENTENCE, PARAGRAPH_2))
    assert unsure_blocks(piece) == {5: "paragraph"}
    figure = read_as(piece, 5, "figure").blocks[1]
    assert (figure.alt, figure.credit, figure.line) == (None, "رويترز", 5)
    assert figure.caption == SENTENCE.removesuffix(" (رويترز)")
    assert figure.credit_parts.service == "رويترز"


def test_a_figure_with_its_alt_line_reads_back_as_one_paragraph():
    alt = "وفد رسمي في مطار العاصمة"
    piece = parse(dump(PARAGRAPH, f"{alt}\n{UNKNOWN_AGENCY}", PARAGRAPH_2))
    assert unsure_blocks(piece) == {5: "figure"}
    assert read_as(piece, 5, "paragraph").blocks[1] == Paragraph(
        f"{alt} {UNKNOWN_AGENCY}", 5
    )


def test_a_short_line_ending_in_an_unknown_credit_read_as_a_subheading_is_unsure():
    """An organisation's name running into an unknown one-word credit reads as a
    sub-heading; the editor may read it as the caption it is, or as a paragraph."""
    line = "طلاب أمام مبنى جامعة القاهرة (بنا)"
    piece = parse(dump(PARAGRAPH, line, PARAGRAPH_2))
    assert piece.blocks[1] == Subheading(line, 5)
    assert unsure_blocks(piece) == {5: "subheading"}
    figure = read_as(piece, 5, "figure").blocks[1]
    assert (figure.caption, figure.credit, figure.line) == (
        "طلاب أمام مبنى جامعة القاهرة",
        "بنا",
        5,
    )
    assert read_as(piece, 5, "paragraph").blocks[1] == Paragraph(line, 5)
    assert read_as(piece, 5, "subheading") == piece


def test_the_unsure_line_is_offered_even_right_under_another_line():
    """No blank line between them: the line offered is the unsure one, never the
    paragraph above it."""
    line = "طلاب أمام مبنى جامعة القاهرة (بنا)"
    piece = parse(dump(PARAGRAPH, f"{PARAGRAPH_2}\n{line}"))
    (block,) = [b for b in piece.blocks if getattr(b, "text", "") == line]
    assert list(unsure_blocks(piece)) == [block.line]
    assert read_as(piece, block.line, "figure").blocks[-1].credit == "بنا"


def test_a_figure_is_not_offered_as_a_subheading():
    piece = parse(dump(PARAGRAPH, UNKNOWN_AGENCY, PARAGRAPH_2))
    with pytest.raises(ValueError):
        read_as(piece, 5, "subheading")


@pytest.mark.parametrize("line, kind", [(3, "figure"), (5, "video"), (99, "figure")])
def test_only_an_unsure_block_can_be_read_another_way(line, kind):
    piece = parse(dump(PARAGRAPH, SENTENCE, PARAGRAPH_2))
    with pytest.raises(ValueError):
        read_as(piece, line, kind)
