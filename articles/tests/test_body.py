import importlib
from pathlib import Path

import pytest
from django.utils.html import format_html
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.body import (
    FIGURE_RE,
    FigureMarker,
    ItemList,
    Paragraph,
    Quote,
    Subheading,
    escape_body,
    parse_body,
    render_body,
    unescape_body,
)
from articles.rendering import render_body_html
from articles.text import EASTERN_DIGITS, fold_spaces
from ingest.importer import Figure, ParseError, parse


def test_body_notation_yields_paragraphs_subheadings_and_figures():
    body = (
        "الفقرة الأولى،\nتكملة السطر.\n\n"
        "## توتر سياسي\n"
        "الفقرة الثانية.\n\n"
        "[[صورة 2]]\n\n"
        "[[figure ٣]]\n"
        "  \u00a0 \n"
        "الفقرة الأخيرة."
    )
    assert [(b.kind, b.text, b.figure) for b in parse_body(body)] == [
        ("paragraph", "الفقرة الأولى، تكملة السطر.", None),
        ("subheading", "توتر سياسي", None),
        ("paragraph", "الفقرة الثانية.", None),
        ("figure", "", 2),
        ("figure", "", 3),
        ("paragraph", "الفقرة الأخيرة.", None),
    ]


def test_body_blocks_record_their_line():
    assert [b.line for b in parse_body("أ.\n\n## ب\nج.")] == [1, 3, 4]


def test_html_in_body_is_plain_text():
    (block,) = parse_body("<script>alert(1)</script> <b>نص</b>")
    assert block.text == "<script>alert(1)</script> <b>نص</b>"


def test_render_body_is_the_inverse_of_parse_body():
    blocks = [
        Paragraph("فقرة."),
        FigureMarker(1),
        Subheading("عنوان"),
        Paragraph("فقرة  ثانية."),
    ]
    text = render_body(blocks)
    assert text == "فقرة.\n\n[[صورة 1]]\n\n## عنوان\n\nفقرة ثانية."
    assert [(b.kind, b.text, b.figure) for b in parse_body(text)] == [
        ("paragraph", "فقرة.", None),
        ("figure", "", 1),
        ("subheading", "عنوان", None),
        ("paragraph", "فقرة ثانية.", None),
    ]


def test_crlf_and_cr_line_ends_are_read():
    assert len(parse_body("أ.\r\n\r\nب.\r\rج.")) == 3


def test_quotations_lists_and_embeds_are_blocks():
    body = (
        "مقدمة **مهمة**.\n\n"
        "> لن نتراجع عن\n> هذا القرار\n> — وزير الخارجية\n\n"
        "- أولًا\n* ثانيًا\n  تكملة ثانيًا\n\n"
        "1. واحد\n٢) اثنان\n\n"
        "https://youtu.be/dQw4w9WgXcQ\n"
        "> بلا قائل"
    )
    blocks = parse_body(body)
    assert [b.kind for b in blocks] == [
        "paragraph",
        "quote",
        "list",
        "list",
        "embed",
        "quote",
    ]
    assert blocks[1] == Quote("لن نتراجع عن هذا القرار", "وزير الخارجية", line=3)
    assert blocks[2] == ItemList(("أولًا", "ثانيًا تكملة ثانيًا"), False, line=7)
    assert blocks[3] == ItemList(("واحد", "اثنان"), True, line=11)
    assert blocks[4].embed.provider.key == "youtube"
    assert blocks[5] == Quote("بلا قائل", "", line=15)
    again = parse_body(render_body(blocks))
    assert [(b.kind, b.text, b.plain) for b in again] == [
        (b.kind, b.text, b.plain) for b in blocks
    ]


def test_a_list_of_the_other_kind_starts_a_new_list():
    blocks = parse_body("- أ\n1. ب")
    assert [(b.kind, b.ordered) for b in blocks] == [("list", False), ("list", True)]


def test_a_numbered_list_counts_from_the_number_its_writer_gave_it():
    """A list taken up again after a paragraph goes on from its own number: the
    journalist's 3 stays 3, on the site, in the notation and in the export."""
    blocks = parse_body("1. أ\n2. ب\n\nفقرة.\n\n٣. ج\n9. د\n\n- هـ")
    assert [(b.kind, getattr(b, "start", None)) for b in blocks] == [
        ("list", 1),
        ("paragraph", None),
        ("list", 3),
        ("list", 1),
    ]
    assert render_body(blocks).split("\n\n")[2] == "3. ج\n4. د"
    assert parse_body(render_body(blocks)) == blocks


def test_a_list_numbered_near_the_largest_number_reads_back_whole():
    blocks = parse_body("999999999. أ\n5. ب")
    assert parse_body(render_body(blocks)) == blocks
    assert blocks[0].items == ("أ", "ب")


def test_blocks_plain_text_leaves_out_the_notation():
    blocks = parse_body(
        "**أ** [ب](https://a.example/)\n\n> ج\n> — *د*\n\n- هـ\n\nhttps://youtu.be/dQw4w9WgXcQ"
    )
    assert [b.plain for b in blocks] == ["أ ب", "ج\nد", "هـ", ""]


def legacy_html(body):
    """The body's HTML as it was rendered before links, emphasis, quotations, lists
    and embeds (paragraphs, sub-headings and figures; the reference the old bodies
    must keep matching)."""
    lines, paragraph = [], []

    def flush():
        if paragraph:
            lines.append(format_html("<p>{}</p>", fold_spaces(" ".join(paragraph))))
            paragraph.clear()

    for raw in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = fold_spaces(raw)
        if not line:
            flush()
        elif figure := FIGURE_RE.match(line):
            flush()
            lines.append(f"<!--figure {int(figure[1].translate(EASTERN_DIGITS))}-->")
        elif line.startswith("##"):
            flush()
            if text := line.lstrip("#").strip():
                lines.append(format_html("<h2>{}</h2>", text))
        else:
            paragraph.append(line)
    flush()
    return "\n".join(lines)


OLD_BODIES = [
    "1. ليس بندًا بل فقرة تبدأ برقم.\n\n2) ولا هذه",
    "- ليس بندًا\n- ولا هذا\n\n* ولا هذا",
    "> ليس اقتباسًا\n> — أحد",
    "نجمة * وحيدة و**ليست عريضة** و_ليست مائلة_ و*لا هذه*",
    "[ليس رابطًا](https://example.com/) و[[ليست صورة]] و[x](y)",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "http://example.com/any_address",
    r"شرطة مائلة \* و\\ و\[ تبقى كما كتبت C:\temp\_x",
    "سطر\n- بند في وسط فقرة\n> وسطر آخر\n3. ورقم",
    "## عنوان *فرعي* [x](https://a.example/)\n\n[[صورة 2]]\n\nفقرة <b>&amp;</b>",
    "  \u00a0- بمسافة قبلها\n\t> وبعلامة تبويب",
]


@pytest.mark.parametrize("body", OLD_BODIES)
def test_old_bodies_escaped_render_exactly_as_before(body):
    escaped = escape_body(body)
    assert render_body_html(parse_body(escaped)) == legacy_html(body)
    assert unescape_body(escaped) == body


def _corpus_bodies():
    """The bodies the importer made of every dump in the repository (seeds and the
    importer's test data), as they were stored before the new notation."""
    root = Path(__file__).resolve().parents[2]
    paths = sorted(
        path
        for folder in (root / "seeds", root / "ingest" / "tests" / "data")
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in (".txt", ".xml", ".sgml", "")
    )
    for path in paths:
        try:
            piece = parse(path.read_bytes(), filename=path.name)
        except ParseError:
            continue
        number, blocks = 0, []
        for block in piece.blocks:
            if isinstance(block, Figure):
                number += 1
                blocks.append(FigureMarker(number))
            else:
                blocks.append(block)
        yield path.name, render_body(blocks)


MIGRATION = importlib.import_module("articles.migrations.0028_escape_body_notation")


def test_every_stored_body_of_the_corpus_renders_as_before():
    bodies = list(_corpus_bodies())
    assert len(bodies) > 50
    for name, body in bodies + [("old", body) for body in OLD_BODIES]:
        escaped = escape_body(body)
        assert render_body_html(parse_body(escaped)) == legacy_html(body), name
        assert unescape_body(escaped) == body, name
        # The data migration's frozen copy escapes the same way.
        frozen = MIGRATION.change_text_lines(body, MIGRATION.escape_line)
        assert frozen == escaped, name
        assert MIGRATION.change_text_lines(frozen, MIGRATION.unescape_line) == body


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="أب \n-*_[]()>\\.:1)#/h٢", max_size=60))
def test_any_old_body_escaped_renders_as_before(body):
    assert render_body_html(parse_body(escape_body(body))) == legacy_html(body)
    assert unescape_body(escape_body(body)) == body
