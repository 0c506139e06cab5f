"""A figure's credit is split once, by the reader that builds the figure, with the
newsroom's known credits: every format gives the same photographer and agency for the
same credit, and every figure carries its split (``Figure.credit_parts``)."""

import json
from html import escape

import pytest

from ingest.importer import (
    CreditParts,
    Figure,
    KnownCredits,
    Paragraph,
    ParsedPiece,
    ParseError,
    export_text,
    split_credit,
)
from ingest.importer.readings import read_as
from ingest.importer.serial import piece_from_data, piece_to_data
from ingest.tests.importer_cases import (
    ALT,
    CAPTION,
    FIXTURE_NAMES,
    KNOWN,
    PARAGRAPH,
    PARAGRAPH_2,
    dump,
    parse,
)

PHOTOGRAPHER = "تصوير: علي كريم/رويترز"
TWO_SERVICES = "الجزيرة/رويترز"


def seed(credit: str) -> bytes:
    return dump(f"{ALT}\n{CAPTION} ({credit})", PARAGRAPH)


def nitf(credit: str) -> bytes:
    return f"""<nitf version="-//IPTC//DTD NITF 3.6//EN" xml:lang="ar"><body>
<body.head><hedline><hl1>عنوان الخبر</hl1></hedline></body.head>
<body.content><p>{PARAGRAPH}</p>
<media media-type="image"><media-reference alternate-text="{escape(ALT)}"/>
<media-caption>{CAPTION}</media-caption><media-producer>{credit}</media-producer>
</media></body.content></body></nitf>""".encode()


def newsml_picture(credit: str) -> bytes:
    return f"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g:7"
 version="1" standard="NewsML-G2" standardversion="2.35" xml:lang="ar">
<itemMeta><itemClass qcode="ninat:picture"/><provider literal="رويترز"/>
<versionCreated>2026-01-01T10:00:00Z</versionCreated></itemMeta>
<contentMeta><headline>{ALT}</headline>
<description role="drol:caption">{CAPTION}</description>
<creditline>{credit}</creditline></contentMeta></newsItem>""".encode()


def newsml_xhtml(credit: str) -> bytes:
    return f"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g:8"
 version="1" standard="NewsML-G2" standardversion="2.35" xml:lang="ar">
<itemMeta><itemClass qcode="ninat:text"/><provider literal="رويترز"/>
<versionCreated>2026-01-01T10:00:00Z</versionCreated></itemMeta>
<contentMeta><headline>عنوان الخبر</headline></contentMeta>
<contentSet><inlineXML contenttype="application/xhtml+xml">
<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{PARAGRAPH}</p>
<figure><img alt="{escape(ALT)}"/><figcaption>{CAPTION} <cite>{credit}</cite></figcaption>
</figure></body></html></inlineXML></contentSet></newsItem>""".encode()


def newsml_html_data(credit: str) -> bytes:
    html = (
        f"&lt;p&gt;{PARAGRAPH}&lt;/p&gt;&lt;figure&gt;&lt;figcaption&gt;{CAPTION} "
        f"&lt;small&gt;{credit}&lt;/small&gt;&lt;/figcaption&gt;&lt;/figure&gt;"
    )
    return f"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g:9"
 version="1" standard="NewsML-G2" standardversion="2.35" xml:lang="ar">
<itemMeta><itemClass qcode="ninat:text"/><provider literal="رويترز"/>
<versionCreated>2026-01-01T10:00:00Z</versionCreated></itemMeta>
<contentMeta><headline>عنوان الخبر</headline></contentMeta>
<contentSet><inlineData contenttype="text/html">{html}</inlineData></contentSet>
</newsItem>""".encode()


def ninjs_body(credit: str) -> bytes:
    body = (
        f"<p>{PARAGRAPH}</p><figure><img alt='{ALT}'><figcaption>{CAPTION} "
        f"<cite>{credit}</cite></figcaption></figure>"
    )
    item = {
        "uri": "urn:x:1",
        "headlines": [{"role": "main", "value": "عنوان الخبر"}],
        "bodies": [{"role": "main", "contentType": "text/html", "value": body}],
    }
    return json.dumps(item, ensure_ascii=False).encode()


def ninjs_association(credit: str) -> bytes:
    item = {
        "uri": "urn:x:2",
        "headline": "عنوان الخبر",
        "body_text": PARAGRAPH,
        "associations": {
            "featuremedia": {
                "type": "picture",
                "headline": ALT,
                "description_text": CAPTION,
                "byline": credit,
            }
        },
    }
    return json.dumps(item, ensure_ascii=False).encode()


def ninjs_picture(credit: str) -> bytes:
    item = {
        "uri": "urn:x:3",
        "type": "picture",
        "headlines": [{"value": ALT}],
        "descriptions": [
            {"role": "caption", "value": CAPTION},
            {"role": "creditline", "value": credit},
        ],
    }
    return json.dumps(item, ensure_ascii=False).encode()


def exported(credit: str) -> bytes:
    """A Newsroom export written before the parts were carried: the credit alone."""
    piece = ParsedPiece("seed", "عنوان الخبر", [Figure(ALT, CAPTION, credit, 1)], [])
    data = json.loads(export_text(piece))
    assert "source" not in data["blocks"][0]
    return json.dumps(data, ensure_ascii=False).encode()


READERS = {
    "seed": seed,
    "nitf": nitf,
    "newsml-picture": newsml_picture,
    "newsml-xhtml": newsml_xhtml,
    "newsml-html-data": newsml_html_data,
    "ninjs-body": ninjs_body,
    "ninjs-association": ninjs_association,
    "ninjs-picture": ninjs_picture,
    "newsroom-export": exported,
}


def figure_of(data: bytes, known=KNOWN) -> Figure:
    [figure] = [
        b for b in parse(data, known_credits=known).blocks if isinstance(b, Figure)
    ]
    return figure


@pytest.mark.parametrize(
    ("credit", "parts"),
    [
        (PHOTOGRAPHER, CreditParts("رويترز", None, "علي كريم")),
        # Two known names around a slash: one service as written, no photographer.
        (TWO_SERVICES, CreditParts(TWO_SERVICES)),
    ],
)
@pytest.mark.parametrize("reader", list(READERS), ids=list(READERS))
def test_a_wire_credit_splits_as_the_seed_reader_splits_it(reader, credit, parts):
    figure = figure_of(READERS[reader](credit))

    assert (figure.caption, figure.credit) == (CAPTION, credit)
    assert figure.credit_parts == parts
    assert figure.credit_parts == figure_of(seed(credit)).credit_parts


def test_the_split_follows_the_known_credits_not_a_list_of_the_parsers():
    # Nobody knows الجزيرة here: name/agency reads as photographer/agency, in every
    # format alike (the seed reader needs no known name to take the line either).
    unknown = KnownCredits(name for name in FIXTURE_NAMES if name != "الجزيرة")
    for make in READERS.values():
        assert figure_of(make(TWO_SERVICES), unknown).credit_parts == CreditParts(
            "رويترز", None, "الجزيرة"
        )


@pytest.mark.parametrize("reader", list(READERS), ids=list(READERS))
def test_a_figure_from_every_reader_carries_its_credit_split(reader):
    piece = parse(READERS[reader]("رويترز-أرشيف"))

    for figure in (b for b in piece.blocks if isinstance(b, Figure)):
        assert figure.credit_parts == CreditParts("رويترز", "أرشيف")
        again = piece_from_data(json.loads(json.dumps(piece_to_data(piece))))
        assert [b.credit_parts for b in again.blocks if isinstance(b, Figure)] == [
            figure.credit_parts
        ]


def test_a_figure_without_a_credit_has_no_parts():
    piece = parse(nitf("").replace(b"<media-producer></media-producer>", b""))
    [figure] = [b for b in piece.blocks if isinstance(b, Figure)]
    assert (figure.credit, figure.credit_parts) == (None, None)


def test_a_paragraph_read_as_a_figure_splits_its_credit_with_the_known_credits():
    # A paragraph's length and two sentences: a paragraph, unsure (a known agency).
    sentence = f"{PARAGRAPH} {PARAGRAPH_2.rstrip('.')}"
    credit = "علي كريم/رويترز"
    piece = parse(dump(PARAGRAPH, f"{sentence} ({credit})", PARAGRAPH_2))
    assert isinstance(piece.blocks[1], Paragraph)

    figure = read_as(piece, 5, "figure", KNOWN).blocks[1]

    assert figure.credit_parts == split_credit(credit, KNOWN)
    assert figure.credit_parts == CreditParts("رويترز", None, "علي كريم")


def test_the_export_carries_the_parts_and_reads_them_rather_than_splitting_again():
    # As the article stores it: a note no splitting of the credit would find.
    parts = CreditParts("رويترز", "صورة من الأرشيف", "علي كريم")
    figure = Figure(ALT, CAPTION, "تصوير: علي كريم/رويترز-صورة من الأرشيف", 1, parts)
    piece = ParsedPiece("seed", "عنوان الخبر", [figure], ["رويترز"])

    text = export_text(piece)

    written = json.loads(text)["blocks"][0]
    assert (written["source"], written["credit_note"], written["photographer"]) == (
        "رويترز",
        "صورة من الأرشيف",
        "علي كريم",
    )
    assert split_credit(figure.credit, KNOWN) != parts
    assert figure_of(text.encode()).credit_parts == parts


def test_an_export_with_parts_that_are_not_text_is_refused():
    data = json.loads(exported(PHOTOGRAPHER))
    data["blocks"][0]["photographer"] = 7
    with pytest.raises(ParseError) as raised:
        parse(json.dumps(data).encode())
    assert raised.value.code == "bad_export"
