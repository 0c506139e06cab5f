"""The inline notation: bold, italic and links, and nothing else, never HTML."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.notation import (
    escape_text,
    inline_events,
    inline_html,
    plain_text,
    unescape_text,
)
from articles.tests.html import elements


def test_bold_italic_and_links_render_as_their_tags():
    assert inline_html(
        "قال **بوضوح** و*بهدوء* _أيضًا_ [هنا](https://example.com/a_b)"
    ) == (
        "قال <strong>بوضوح</strong> و<em>بهدوء</em> <em>أيضًا</em> "
        '<a href="https://example.com/a_b">هنا</a>'
    )


def test_mailto_links_are_links():
    assert inline_html("[راسلنا](mailto:desk@example.com)") == (
        '<a href="mailto:desk@example.com">راسلنا</a>'
    )


@pytest.mark.parametrize(
    "text",
    [
        "[انقر](javascript:alert(1))",
        "[انقر](JavaScript:alert(1))",
        "[انقر](java\tscript:alert(1))",
        "[انقر](data:text/html;base64,PHNjcmlwdD4=)",
        "[انقر](vbscript:msgbox)",
        "[انقر](/relative/path)",
        "[انقر](//example.com/)",
        "[انقر](ftp://example.com/)",
        "[انقر](https:)",
    ],
)
def test_links_to_anything_but_http_https_and_mailto_stay_text(text):
    html = inline_html(text)
    assert not elements(html, "a")
    assert plain_text(text) == text


def test_html_in_the_notation_stays_text():
    assert inline_html('<script>alert(1)</script> **<b onclick="x">نص</b>**') == (
        "&lt;script&gt;alert(1)&lt;/script&gt; "
        '<strong>&lt;b onclick="x"&gt;نص&lt;/b&gt;</strong>'
    )


def test_a_link_address_cannot_break_out_of_its_attribute():
    html = inline_html('[نص](https://example.com/"onmouseover="alert(1))')
    (link,) = elements(html, "a")
    assert link.attrs == {"href": "https://example.com/%22onmouseover=%22alert(1)"}


def test_nested_constructs():
    assert inline_html("**عريض و*مائل* و[رابط](https://a.example/)**") == (
        '<strong>عريض و<em>مائل</em> و<a href="https://a.example/">رابط</a></strong>'
    )
    assert inline_html("[**عريض** في رابط](https://a.example/)") == (
        '<a href="https://a.example/"><strong>عريض</strong> في رابط</a>'
    )


def test_plain_text_drops_marks_escapes_and_addresses():
    text = r"**قال** [الوزير](https://gov.example/x) إن \*النجمة\* تبقى"
    assert plain_text(text) == "قال الوزير إن *النجمة* تبقى"
    assert inline_events(text)[:6] == [
        ("open", "strong", None),
        ("text", "قال", None),
        ("close", "strong", None),
        ("text", " ", None),
        ("open", "a", "https://gov.example/x"),
        ("text", "الوزير", None),
    ]


def test_plain_text_is_escaped_as_django_escapes():
    assert inline_html("أ & ب < ج > \"د\" 'ه'") == (
        "أ &amp; ب &lt; ج &gt; &quot;د&quot; &#x27;ه&#x27;"
    )


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("- بند", r"\- بند"),
        ("> اقتباس", r"\> اقتباس"),
        ("1. أولًا", r"1\. أولًا"),
        ("٢) ثانيًا", r"٢\) ثانيًا"),
        ("* نجمة و_خط_", r"\* نجمة و\_خط\_"),
        ("[x](https://a.example/)", r"\[x\](https://a.example/)"),
        (r"مسار C:\temp", r"مسار C:\\temp"),
        ("https://youtu.be/dQw4w9WgXcQ", r"https\://youtu.be/dQw4w9WgXcQ"),
        ("http://example.com/a", r"http\://example.com/a"),
        ("نص عادي - بلا علامات 1.", "نص عادي - بلا علامات 1."),
    ],
)
def test_escaping_keeps_text_literal(line, escaped):
    assert escape_text(line) == escaped
    assert unescape_text(escaped) == line
    assert plain_text(escaped) == line.strip()


@given(st.text(alphabet="أب -*_[]()>\\.:1)/h"))
def test_escaped_text_reads_as_itself_and_unescapes_back(text):
    line = " ".join(text.split())
    assert plain_text(escape_text(line)) == line
    assert unescape_text(escape_text(line)) == line
    assert "<" not in inline_html(escape_text(line))
