"""Fuzzing the importer: whatever the bytes, ``parse`` returns a sound ParsedPiece or
raises ParseError, never anything else."""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.importer import Figure, ParsedPiece, ParseError, parse
from ingest.importer.structure import ERROR_CODES, WARNING_CODES

pytestmark = pytest.mark.slow

# IMPORTER_FUZZ_EXAMPLES=20000 runs a deeper campaign than CI's default.
FUZZ = settings(
    max_examples=int(os.environ.get("IMPORTER_FUZZ_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def check(data: bytes, **options) -> ParsedPiece | None:
    """Parse ``data``; assert that only ParseError can come out and that a piece that
    does come out is sound."""
    try:
        piece = parse(data, **options)
    except ParseError as err:
        assert err.code in ERROR_CODES
        assert "\n" not in str(err)
        assert err.line is None or err.line >= 1
        return None
    assert piece.format in ("seed", "trec", "newsml-g2", "nitf", "ninjs")
    assert piece.headline
    texts = [piece.headline, *piece.sources, piece.standfirst or "", piece.byline or ""]
    for block in piece.blocks:
        assert block.line >= 1
        if isinstance(block, Figure):
            assert block.caption
            texts += [block.caption, block.alt or "", block.credit or ""]
        else:
            assert block.text
            texts.append(block.text)
    for text in texts:
        assert text == " ".join(text.split())
        assert "\u202e" not in text
        assert not any(ch < " " for ch in text)
    for warning in piece.warnings:
        assert warning.line is None or warning.line >= 1
        assert warning.code in WARNING_CODES
        assert warning.message
    if piece.published_at is not None:
        assert piece.published_at.utcoffset() is not None
    json.dumps(piece.to_json(), ensure_ascii=False)
    return piece


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_give_a_piece_or_a_parse_error(data):
    check(data)


@FUZZ
@given(st.binary(max_size=400), st.integers(0, 500))
def test_random_bytes_under_a_size_limit_give_a_piece_or_a_parse_error(data, limit):
    check(data, max_bytes=limit)


@FUZZ
@given(
    st.text(max_size=1000),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be"]),
)
def test_random_text_gives_a_piece_or_a_parse_error(text, encoding):
    data = text.encode(encoding, "surrogatepass")
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    check(data)
    check(data, strict=True)


# Pieces of text that steer the parsers into their corners.
TOKENS = [
    "عنوان",
    "قال المتحدث إن الاجتماع انتهى",
    "وأضاف",
    ".",
    "،",
    "؟",
    " ",
    "\u00a0",
    "\t",
    "(",
    ")",
    "(رويترز)",
    "(الجزيرة نت)",
    "(رويترز-أرشيف)",
    "(65 عاما)",
    "أرشيف",
    "-",
    "+",
    ":",
    "المصدر",
    "المصدر : الجزيرة + وكالات",
    "1-",
    "----",
    "ـــ",
    "<DOC>",
    "</DOC>",
    "<TITLE>",
    "</TITLE>",
    "<TEXT>",
    "</TEXT>",
    "<ABSTRACT>",
    "</ABSTRACT>",
    "<TIME>",
    "</TIME>",
    "Fri, 06 Apr 2018 08:02:09 +0400",
    "2017-01-22T185600",
    "31/02/2014",
    "&amp;",
    "&#x202E;",
    "&#0;",
    "&#99999999;",
    "<script>",
    "\u202e",
    "\u202b",
    "\u202c",
    "\u2066",
    "\u2069",
    "\u200f",
    "\u200b",
    "\ufeff",
    "\x07",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
]


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=120), st.booleans())
def test_token_soup_gives_a_piece_or_a_parse_error(tokens, strict):
    text = "".join(tokens)
    check(text.encode("utf-8"), strict=strict)
    check(("<DOC>\n" + text).encode("utf-8"), strict=strict)


field_text = st.lists(st.sampled_from(TOKENS), max_size=25).map("".join)


@FUZZ
@given(
    st.fixed_dictionaries(
        {
            name: st.none() | field_text
            for name in ("DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR")
        }
    ),
    st.none() | field_text,
    st.none() | st.lists(field_text, max_size=15).map("\n".join),
    st.booleans(),
)
def test_trec_shaped_documents_give_a_piece_or_a_parse_error(
    fields, abstract, text, closed
):
    parts = ["<DOC>"]
    parts += [f"<{name}>{value}</{name}>" for name, value in fields.items() if value]
    if abstract is not None:
        parts.append(f"<ABSTRACT>\n{abstract}\n</ABSTRACT>")
    if text is not None:
        parts.append(f"<TEXT>\n{text}\n" + ("</TEXT>" if closed else ""))
    if closed:
        parts.append("</DOC>")
    piece = check("\n".join(parts).encode("utf-8"))
    if piece is not None:
        assert piece.format == "trec"


@FUZZ
@given(st.binary(min_size=1, max_size=300))
def test_random_high_bytes_read_as_cp1256_are_refused_or_plausible(noise):
    data = bytes(128 + byte % 128 for byte in noise)
    piece = check(data)
    if piece is not None:
        assert piece.encoding in ("utf-8", "cp1256")


WIRE_TOKENS = [
    '<newsItem guid="g" version="1">',
    "</newsItem>",
    '<nitf xml:lang="ar">',
    "</nitf>",
    "<itemMeta>",
    "</itemMeta>",
    "<contentMeta>",
    "</contentMeta>",
    "<headline>",
    "</headline>",
    "<firstCreated>2026-01-01</firstCreated>",
    '<pubStatus qcode="stat:canceled"/>',
    "<contentSet><inlineXML>",
    "</inlineXML></contentSet>",
    "<body><body.head><hedline><hl1>",
    "</hl1></hedline></body.head>",
    "<body.content>",
    "</body.content></body>",
    "<p>",
    "</p>",
    "<hl2>",
    "</hl2>",
    "<media><media-caption>",
    "</media-caption></media>",
    '<img alt="صورة"/>',
    "<br/>",
    "نص عربي",
    " ",
    "\n",
    "&amp;",
    "&lt;",
    "&undefined;",
    '<!DOCTYPE x [<!ENTITY e "e">]>',
    "\u202e",
]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["value", "role", "type", "name", "contentType", "by"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
NINJS_KEYS = [
    "type",
    "version",
    "headlines",
    "headline",
    "bodies",
    "body_html",
    "body_text",
    "descriptions",
    "by",
    "subjects",
    "keywords",
    "associations",
    "language",
    "pubStatus",
    "firstCreated",
    "embargoedUntil",
    "copyrightHolder",
    "infoSources",
]


@FUZZ
@given(st.lists(st.sampled_from(WIRE_TOKENS), max_size=80))
def test_wire_shaped_xml_gives_a_piece_or_a_parse_error(tokens):
    check("".join(tokens).encode())


@FUZZ
@given(
    st.fixed_dictionaries(
        {"uri": st.text(max_size=5)}, optional=dict.fromkeys(NINJS_KEYS, JSON_VALUES)
    )
)
def test_ninjs_shaped_json_gives_a_piece_or_a_parse_error(item):
    check(json.dumps(item, ensure_ascii=False).encode())
