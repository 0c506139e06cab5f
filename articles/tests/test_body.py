from articles.body import FigureMarker, Paragraph, Subheading, parse_body, render_body


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
