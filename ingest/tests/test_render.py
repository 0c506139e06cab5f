"""Rendering a piece back to the seed format, and the round trip
``parse(render(piece)) == piece`` for the corpus and for generated pieces."""

from itertools import pairwise
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ingest.importer import Figure, Paragraph, ParsedPiece, Subheading, render
from ingest.tests.importer_cases import (
    FIXTURE_NAMES,
    SEED,
    TREC,
    parse,
    seedlike_cases,
)


def structure(piece) -> tuple:
    """Return what a round trip must keep: headline, blocks (no line numbers) and
    sources."""
    data = piece.to_json()
    return data["headline"], data["blocks"], data["sources"]


def piece(*blocks, headline="عنوان الخبر", sources=("الجزيرة",), standfirst=None):
    return ParsedPiece(
        format="seed",
        headline=headline,
        blocks=list(blocks),
        sources=list(sources),
        standfirst=standfirst,
    )


PARAGRAPH = "وقال المتحدث إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة."
PARAGRAPH_2 = "وأضاف أن الحكومة تأمل في التوصل إلى اتفاق نهائي قبل نهاية العام."
CAPTION = "مدينة بنغازي ما زالت تشهد قتالا بين قوات حفتر ومقاتلي مجلس الشورى"
ALT = "قوات مجلس الشورى تسيطر على معسكر الدفاع الجوي في المدينة"


def test_render_writes_the_seed_layout():
    text = render(
        piece(
            Figure(ALT, CAPTION, "الجزيرة", 3),
            Paragraph(PARAGRAPH, 6),
            Figure(CAPTION, CAPTION, "رويترز-أرشيف", 8),
            Subheading("توتر سياسي وعسكري", 11),
            Paragraph(PARAGRAPH_2, 12),
            sources=["الجزيرة", "وكالات"],
        )
    )

    assert text == (
        "عنوان الخبر\n"
        "\n"
        f"{ALT}\n"
        f"{CAPTION} (الجزيرة)\n"
        "\n"
        f"{PARAGRAPH}\n"
        "\n"
        f"{CAPTION} (رويترز-أرشيف)\n"
        f"{CAPTION} (رويترز-أرشيف)\n"
        "\n"
        "توتر سياسي وعسكري\n"
        f"{PARAGRAPH_2}\n"
        "\n"
        "المصدر : الجزيرة + وكالات\n"
    )


def test_render_leaves_out_the_alt_line_when_there_is_no_alt_text():
    text = render(piece(Figure(None, CAPTION, "غيتي", 3), Paragraph(PARAGRAPH, 5)))

    assert text.splitlines()[2:4] == [f"{CAPTION} (غيتي)", ""]


def test_render_writes_twice_a_caption_without_credit_or_alt():
    text = render(piece(Figure(None, CAPTION, None, 3), Paragraph(PARAGRAPH, 6)))

    assert text.splitlines()[2:4] == [CAPTION, CAPTION]
    # The format cannot say "no alt and no credit": it comes back with alt = caption.
    assert parse(text.encode()).blocks[0] == Figure(CAPTION, CAPTION, None, 3)


def test_render_without_sources_writes_no_source_line():
    text = render(piece(Paragraph(PARAGRAPH, 3), sources=[]))

    assert text == f"عنوان الخبر\n\n{PARAGRAPH}\n"


def test_render_puts_each_text_on_one_line():
    text = render(
        piece(
            Paragraph("سطر أول\nوسطر ثان\u00a0 بعده.", 3), headline=" عنوان \n الخبر "
        )
    )

    assert text == "عنوان الخبر\n\nسطر أول وسطر ثان بعده.\n\nالمصدر : الجزيرة\n"


def test_render_writes_the_standfirst_as_the_first_paragraph():
    original = piece(Paragraph(PARAGRAPH, 3), standfirst="ملخص الخبر في جملة واحدة")
    text = render(original)

    assert text.splitlines()[2] == "ملخص الخبر في جملة واحدة"
    assert parse(text.encode()).blocks == [
        Paragraph("ملخص الخبر في جملة واحدة", 3),
        Paragraph(PARAGRAPH, 5),
    ]


def test_render_can_leave_the_standfirst_out():
    original = piece(Paragraph(PARAGRAPH, 3), standfirst="ملخص الخبر")

    assert structure(parse(render(original, include_standfirst=False).encode())) == (
        structure(original)
    )


def test_render_accepts_any_object_shaped_like_a_piece():
    article = SimpleNamespace(
        headline="عنوان الخبر",
        sources=["وكالات"],
        blocks=[
            {"type": "figure", "alt": None, "caption": CAPTION, "credit": "الأناضول"},
            SimpleNamespace(kind="subheading", text="توتر سياسي"),
            SimpleNamespace(text=PARAGRAPH),
            {"type": "paragraph", "text": PARAGRAPH_2},
        ],
    )

    assert render(article) == (
        "عنوان الخبر\n\n"
        f"{CAPTION} (الأناضول)\n\n"
        f"توتر سياسي\n{PARAGRAPH}\n\n"
        f"{PARAGRAPH_2}\n\n"
        "المصدر : وكالات\n"
    )


def test_render_skips_empty_blocks_and_parentheses_in_credits():
    text = render(
        piece(
            Paragraph("  ", 3),
            Figure(None, CAPTION, "(رويترز)", 4),
            Figure(None, "", "غيتي", 5),
            Paragraph(PARAGRAPH, 6),
        )
    )

    assert text == (
        f"عنوان الخبر\n\n{CAPTION} (رويترز)\n\n{PARAGRAPH}\n\nالمصدر : الجزيرة\n"
    )


@pytest.mark.parametrize("case", seedlike_cases(), ids=lambda p: p.name)
def test_corpus_piece_survives_a_round_trip(case):
    original = parse(case.read_bytes())

    again = parse(render(original).encode("utf-8"))

    assert structure(again) == structure(original)


def test_round_trip_of_the_seed_reads_the_same_warnings_kinds():
    original = parse(SEED.read_bytes())
    again = parse(render(original).encode())

    assert [w.code for w in again.warnings] == [w.code for w in original.warnings]


def test_trec_piece_rendered_keeps_headline_sources_and_standfirst():
    original = parse((TREC / "002_ant-bbc.txt").read_bytes())

    again = parse(render(original).encode())

    assert again.headline == original.headline
    assert again.sources == ["بي بي سي"]
    assert again.blocks[0].text == original.standfirst
    assert [b.text for b in again.blocks[1:4]] == [b.text for b in original.blocks[:3]]


# --- Generated pieces -----------------------------------------------------------------
#
# The strategy builds pieces the format can express. What it cannot express (and the
# strategy therefore never builds): a sub-heading that is first or not followed by a
# paragraph, a figure with neither alt text nor credit, an uncredited figure whose
# alt differs from its caption unless both are longer than a sub-heading (nine words
# or more; a short line there reads as a sub-heading or a stray line), a paragraph
# without final punctuation, and two identical paragraphs in a row (the copy is
# dropped as a duplicate).

VOCABULARY = (
    "قال وزير الخارجية إن الحكومة ستواصل جهودها لتعزيز التعاون مع الدول المجاورة "
    "في مجالات الأمن والاقتصاد والطاقة وأكد المتحدث باسم الرئاسة أن الاجتماع "
    "ناقش آخر التطورات الإقليمية والدولية بحضور ممثلين عن المنظمات الدولية "
    "فى القاهرة وبغداد وتونس الجزائر الرباط بيروت دمشق عمان الخرطوم صنعاء "
    "الأسبوع الماضي المقبل اليوم أمس الجديدة الكبرى الـ26 ٢٠١٨ 2018 CNN Apple "
    "حِفتر مُنِح وجَّه الإنتاج"
)
WORDS = VOCABULARY.split()
# The credits of a newsroom with the default sources (what ``parse`` here knows), some
# with an archive note or a photographer.
CREDITS = (
    *FIXTURE_NAMES,
    "رويترز-أرشيف",
    "مواقع التواصل-أرشيف",
    "تصوير: علي كريم/رويترز",
)
SOURCES = ("الجزيرة", "وكالات", "رويترز", "الفرنسية", "الأناضول")


def text_of(low: int, high: int):
    return st.lists(st.sampled_from(WORDS), min_size=low, max_size=high).map(" ".join)


paragraphs = st.builds(
    lambda body, comma, stop: f"{body}{comma}{stop}",
    text_of(3, 45),
    st.sampled_from(["", "، وأضاف ذلك"]),
    st.sampled_from([".", "!", "؟", '".', ":"]),
)
subheadings = text_of(2, 5)
captions = text_of(1, 16)


@st.composite
def figures(draw):
    caption = draw(captions)
    credit = draw(st.none() | st.sampled_from(CREDITS))
    if credit is None and len(caption.split()) <= 8:
        alt = caption
    elif credit is None:
        alt = draw(st.just(caption) | text_of(9, 16))
    else:
        alt = draw(st.none() | st.just(caption) | text_of(1, 16))
    return ("figure", alt, caption, credit)


@st.composite
def bodies(draw):
    blocks = []
    for position in range(draw(st.integers(1, 12))):
        choice = draw(st.sampled_from(["paragraph", "figure", "section"]))
        if choice == "figure":
            blocks.append(draw(figures()))
        elif choice == "section" and position > 0:
            blocks.append(("subheading", draw(subheadings)))
            blocks.append(("paragraph", draw(paragraphs)))
        else:
            blocks.append(("paragraph", draw(paragraphs)))
    return blocks


@st.composite
def pieces(draw):
    blocks = []
    for number, block in enumerate(draw(bodies()), 1):
        if block[0] == "figure":
            blocks.append(Figure(*block[1:], number))
        elif block[0] == "subheading":
            blocks.append(Subheading(block[1], number))
        else:
            blocks.append(Paragraph(block[1], number))
    return piece(
        *blocks,
        headline=draw(text_of(1, 12)),
        sources=draw(st.lists(st.sampled_from(SOURCES), max_size=3, unique=True)),
    )


def no_repeated_paragraphs(generated) -> bool:
    texts = [b.text if isinstance(b, Paragraph) else None for b in generated.blocks]
    return all(a is None or a != b for a, b in pairwise(texts))


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces())
def test_generated_piece_survives_a_round_trip(generated):
    assume(no_repeated_paragraphs(generated))

    again = parse(render(generated).encode("utf-8"))

    assert structure(again) == structure(generated)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(pieces(), st.sampled_from(["utf-8-sig", "utf-16", "cp1256"]))
def test_generated_piece_survives_a_round_trip_in_other_encodings(generated, encoding):
    assume(no_repeated_paragraphs(generated))
    text = render(generated).replace("\n", "\r\n")
    # cp1256 has no Eastern Arabic digits.
    assume(encoding != "cp1256" or not any("٠" <= ch <= "٩" for ch in text))

    again = parse(text.encode(encoding))

    assert structure(again) == structure(generated)
