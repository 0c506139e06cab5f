"""Newsroom's own JSON export (ingest.importer.exported): whatever a piece holds, the
importer reads back the same piece; anything else is refused with a reason."""

import json
from datetime import UTC, datetime, timedelta, timezone
from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.body import MAX_LIST_NUMBER, EmbedMarker, ItemList, Quote
from articles.embeds import find_embed
from ingest.importer import (
    Figure,
    Paragraph,
    ParsedPiece,
    ParseError,
    Subheading,
    export_text,
    parse,
)
from ingest.importer.serial import piece_from_data, piece_to_data

# Text as journalists write it: Arabic, Latin, digits, punctuation, parentheses,
# harakat, no-break spaces; never empty once white space is folded.
words = (
    st.text(
        alphabet=st.sampled_from(
            list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةىَُِّـ٠١٢abcXYZ019.,:؛؟!()«»-/ \u00a0")
        ),
        min_size=1,
        max_size=60,
    )
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)
maybe = st.none() | words
items = st.lists(words, min_size=1, max_size=4).map(tuple)
text_blocks = [
    st.builds(Paragraph, words, st.just(0)),
    st.builds(Subheading, words, st.just(0)),
    st.builds(Figure, maybe, words, maybe, st.just(0)),
]
blocks = st.lists(st.one_of(text_blocks), min_size=1, max_size=8)
# Quotations, lists and embeds come in pieces written in the body notation (an
# article's export).
notation_blocks = [
    st.builds(Quote, words, st.just("") | words, st.just(0)),
    st.builds(ItemList, items, st.just(False), st.just(0)),
    items.flatmap(
        lambda listed: st.builds(
            ItemList,
            st.just(listed),
            st.just(True),
            st.just(0),
            st.integers(0, MAX_LIST_NUMBER + 1 - len(listed)),
        )
    ),
    st.sampled_from(
        ["https://youtu.be/dQw4w9WgXcQ", "https://x.com/AJArabic/status/1"]
    ).map(lambda url: EmbedMarker(find_embed(url), 0)),
]
times = st.none() | st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1)
).map(lambda moment: moment.replace(tzinfo=timezone(timedelta(hours=3))))
pieces_of = partial(
    st.builds,
    ParsedPiece,
    format=st.just("seed"),
    headline=words,
    sources=st.lists(words, max_size=3),
    standfirst=maybe,
    published_at=times,
    byline=maybe,
    original_url=maybe,
    external_id=maybe,
    version=st.none() | st.integers(0, 10**6),
    version_created=times,
    language=st.none() | st.sampled_from(["ar", "en-GB", "nb-NO"]),
    located=maybe,
    keywords=st.lists(words, max_size=3),
    pub_status=st.none() | st.sampled_from(["usable", "withheld", "canceled"]),
    embargoed=times,
)
pieces = pieces_of(blocks=blocks) | pieces_of(
    blocks=st.lists(st.one_of(text_blocks + notation_blocks), min_size=1, max_size=8),
    notation=st.just(True),
)


def without_lines(piece: ParsedPiece) -> dict:
    data = piece.to_json()
    data.pop("format")
    return data


@given(pieces)
def test_a_piece_comes_back_whole_whatever_it_holds(piece):
    again = parse(export_text(piece).encode("utf-8"))
    assert again.format == "newsroom"
    assert without_lines(again) == without_lines(piece)
    assert again.published_at == piece.published_at


@given(pieces)
def test_a_piece_survives_its_staging_whole_whatever_it_holds(piece):
    again = piece_from_data(json.loads(json.dumps(piece_to_data(piece))))

    assert again == piece
    assert again.notation == piece.notation


def test_an_export_is_recognised_in_any_encoding_the_importer_reads():
    piece = ParsedPiece(
        "seed",
        "عنوان",
        [Paragraph("فقرة (2)", 0)],
        ["الجزيرة"],
        published_at=datetime(2018, 9, 10, 5, 51, 40, tzinfo=UTC),
    )
    text = export_text(piece)
    for data in (text.encode("utf-8-sig"), text.encode("utf-16")):
        again = parse(data)
        # A paragraph reading "(2)" stays a paragraph, unlike in the seed format.
        assert again.blocks == [Paragraph("فقرة (2)", 1)]
        assert again.published_at == piece.published_at


@pytest.mark.parametrize(
    "text, reason",
    [
        ('{"newsroom_piece": 1, "headline": ', "not valid JSON"),
        ('{"newsroom_piece": 7, "headline": "ع"}', "not a Newsroom export"),
        (
            '{"newsroom_piece": 1, "blocks": [{"type": "paragraph", "text": "ف"}]}',
            "no headline",
        ),
        ('{"newsroom_piece": 1, "headline": "ع", "blocks": {}}', "not a list"),
        (
            '{"newsroom_piece": 1, "headline": "ع", "blocks": [{"type": "video"}]}',
            "block 1",
        ),
        (
            '{"newsroom_piece": 1, "headline": "ع", "blocks": [{"type": "paragraph", "text": 5}]}',
            "block 1",
        ),
        (
            '{"newsroom_piece": 1, "headline": "ع", "blocks": [{"type": "list", "ordered": true, "items": ["أ"], "start": -2}]}',
            "block 1",
        ),
        (
            '{"newsroom_piece": 1, "headline": "ع", "blocks": [{"type": "list", "items": ["أ"], "start": 3}]}',
            "block 1",
        ),
        (
            '{"newsroom_piece": 1, "headline": "ع", "blocks": [{"type": "paragraph", "text": "ف"}], "sources": "الجزيرة"}',
            "sources",
        ),
        (
            '{"newsroom_piece": 1, "headline": "ع", "blocks": [{"type": "paragraph", "text": "ف"}], "published_at": "2018-09-10 05:51"}',
            "publication time",
        ),
        (
            '{"newsroom_piece": 1, "headline": "ع", "blocks": [{"type": "paragraph", "text": "ف"}], "byline": 3}',
            "byline",
        ),
    ],
)
def test_a_broken_export_is_refused_with_its_reason(text, reason, english):
    with pytest.raises(ParseError) as refused:
        parse(text.encode("utf-8"), filename="x.json")
    assert refused.value.code == "bad_export"
    assert reason in str(refused.value) and str(refused.value).startswith("x.json: ")
