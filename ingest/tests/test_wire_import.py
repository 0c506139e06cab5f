"""Reading the agencies' formats: IPTC's own NewsML-G2, NITF and ninjs examples
(copied under data/wire, with their licences) import through the same service as the
seed format; hostile and broken XML or JSON is refused with its line, nothing
written."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from articles.models import Article
from ingest.importer import Figure, Paragraph, ParseError, Subheading, parse
from ingest.importer.markup import html_blocks
from ingest.services import ImportStatus, article_import
from ingest.tests.importer_cases import DATA

WIRE = DATA / "wire"
CDT = timezone(timedelta(hours=-5))

# file, format, headline (start), language, guid (end), version, sources, byline,
# located, keywords (some), blocks (paragraphs, sub-headings, figures), first created
EXPECTED = [
    ("newsml-g2/LISTING_1_A_NewsML-G2_News_Item.xml", "newsml-g2", 'Fed to halt QE to avert "bubble"', "en-GB", "US-FINANCE-FED", 11, ["REUTERS"], "Meredith Jameson", "Berlin", ["labour market"], (0, 0, 0), datetime(2016, 10, 18, 13, 12, 21, tzinfo=CDT)),
    ("newsml-g2/LISTING_2_NewsML-G2_Text_Document.xml", "newsml-g2", 'Fed to halt QE to avert "bubble"', "en-US", "20161121:US-FINANCE-FED", 11, ["www.acmenews.com", "Associated Press"], "Meredith Jameson", "New York, NY", ["central bank"], (2, 0, 0), datetime(2016, 11, 21, 15, 21, 6, tzinfo=CDT)),
    ("newsml-g2/LISTING_22_Sports_story_in_NewsML-G2NITF.xml", "newsml-g2", "Preview: Arizona Diamondbacks", "en-US", "xt.5932656-preview", 11, ["www.xmlteam.com"], "The Sports Network", None, ["Baseball", "Freddy Garcia"], (6, 0, 0), datetime(2016, 10, 19, 11, 15, tzinfo=CDT)),
    ("newsml-g2/LISTING_3_Photo_in_NewsML-G2.xml", "newsml-g2", "Variety Of Recessionary Forces", "en-US", "GYI0062134533", 11, ["Getty Images Inc."], None, None, ["unemployment", "poverty"], (0, 0, 1), datetime(2010, 10, 20, 20, 58, tzinfo=UTC)),
    ("newsml-g2/LISTING_6_Simple_NewsML-G2_Package.xml", "newsml-g2", "UK", None, "UK20081220098658", 11, ["AcmeNews"], None, None, [], (1, 1, 1), datetime(2008, 12, 20, 12, 25, 35, tzinfo=UTC)),
    ("ninjs/ninjsExSimpleText_3.json", "ninjs", "Captain of wrecked cruise ship", None, "20130709simp123", None, [], "Paulo Santalucia and Frances d'Emilio", None, [], (4, 0, 0), None),
    ("ninjs/dpa_text.json", "ninjs", "Faktencheck Derby-Elfmeter", "de", "190510-99-167362", 2, ["dpa"], "Von Christian Hollmann, dpa", None, [], (9, 0, 0), None),
    ("ninjs/ntb_text.json", "ninjs", "Google har kjøpt giganttomt i Skien", "nb-NO", "1207599f2872", 6, ["NTB"], "NTB", None, ["Teknologi"], (0, 0, 0), datetime(2019, 8, 9, 9, 30, 4, tzinfo=UTC)),
    ("ninjs/tt_text_image_3.json", "ninjs", "Militärövning i jätteformat hålls 2023", "sv", "210526-militarovning-a0f2d045", 1, ["TT"], None, None, ["Krig, konflikter och oroligheter"], (5, 0, 1), None),
    ("ninjs/ap_image.json", "ninjs", "Turkey Islamic State", "en", "b2b6c3f4642f46deac7509d4db315ca0?qt=H1Kdh42orF&et=0a1aza3c0", 0, ["DHA"], None, None, ["File photo"], (0, 0, 1), datetime(2019, 11, 15, 13, 39, 59, tzinfo=UTC)),
    ("ninjs/businesswire-newsml-20130731006140.json", "ninjs", "Lunch Taking a Toll?", "en", "20130731006140/en", 1, [], None, None, ["Missouri"], (1, 0, 0), None),
]  # fmt: skip


def kinds(blocks):
    return tuple(
        sum(isinstance(b, kind) for b in blocks)
        for kind in (Paragraph, Subheading, Figure)
    )


@pytest.mark.parametrize(
    ("name", "fmt", "headline", "language", "guid", "version", "sources", "byline",
     "located", "keywords", "counts", "first_created"),
    EXPECTED,
    ids=[row[0].split("/")[1] for row in EXPECTED],
)  # fmt: skip
def test_every_whole_iptc_example_imports_with_its_fields(
    db, name, fmt, headline, language, guid, version, sources, byline, located,
    keywords, counts, first_created,
):  # fmt: skip
    result = article_import((WIRE / name).read_bytes(), filename=name)

    assert result.status == ImportStatus.CREATED, result.message
    piece, article = result.piece, result.article
    assert piece.format == fmt
    assert piece.headline.startswith(headline)
    assert article.headline == piece.headline
    assert piece.language == language
    assert piece.external_id.endswith(guid)
    assert piece.version == version
    assert piece.sources == sources
    assert sorted(s.name for s in article.sources.all()) == sorted(sources)
    assert piece.byline == byline
    assert article.byline == (byline or "")
    assert piece.located == located
    assert set(keywords) <= set(piece.keywords)
    assert kinds(piece.blocks) == counts
    assert article.captions.count() == counts[2]
    assert piece.published_at == first_created
    assert piece.version_created is not None


def test_newsml_item_keeps_its_times_status_and_embargo():
    piece = parse((WIRE / EXPECTED[0][0]).read_bytes())

    assert piece.version_created == datetime(2018, 10, 21, 16, 25, 32, tzinfo=CDT)
    assert piece.embargoed == datetime(2018, 10, 23, 12, tzinfo=UTC)
    assert piece.pub_status == "usable"
    assert [w.code for w in piece.warnings] == ["empty_text"]


def test_a_photo_item_is_one_figure_with_caption_and_credit():
    piece = parse((WIRE / "newsml-g2/LISTING_3_Photo_in_NewsML-G2.xml").read_bytes())

    (figure,) = piece.blocks
    assert figure.alt == piece.headline
    assert figure.caption.startswith("A general view of part of downtown")
    assert figure.credit == "Getty Images"


def test_a_summary_repeating_the_opening_paragraph_is_dropped():
    piece = parse((WIRE / EXPECTED[2][0]).read_bytes())

    assert piece.standfirst is None
    assert "abstract_repeats_text" in [w.code for w in piece.warnings]


def test_a_picture_in_the_body_and_in_the_associations_is_one_figure():
    piece = parse((WIRE / "ninjs/tt_text_image_3.json").read_bytes())

    (figure,) = [b for b in piece.blocks if isinstance(b, Figure)]
    assert figure.caption.startswith("En stor internationell försvarsövning")


@pytest.mark.parametrize(
    "name",
    [
        "LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml",
        "LISTING_28_Illustrating_Located_Subject_and_Dateline.xml",
    ],
)
def test_the_two_fragments_are_refused_as_not_an_item(db, name):
    result = article_import((WIRE / "newsml-g2" / name).read_bytes(), filename=name)

    assert result.status == ImportStatus.FAILED
    assert "neither a NewsML-G2 item nor NITF" in result.message or "NewsML-G2" in (
        result.message
    )
    assert not Article.objects.exists()


ARABIC_NITF = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">
<nitf version="-//IPTC//DTD NITF 3.6//EN" xml:lang="ar">
 <head>
  <title>عنوان احتياطي</title>
  <tobject tobject.type="news">
   <tobject.subject tobject.subject.refnum="04000000" tobject.subject.matter="اقتصاد"/>
  </tobject>
  <docdata management-status="withheld">
   <doc-id id-string="urn:newsroom:test:42"/>
   <date.issue norm="20260110T083000+0300"/>
   <date.release norm="20260111T060000Z"/>
   <du-key version="3"/>
   <doc.copyright holder="رويترز"/>
   <key-list><keyword key="النفط"/><keyword key="أوبك"/></key-list>
  </docdata>
 </head>
 <body>
  <body.head>
   <hedline><hl1>أسعار النفط ترتفع</hl1><hl2>خام برنت فوق 90 دولارا</hl2></hedline>
   <byline>مراسلنا في الدوحة</byline>
   <dateline><location><city>الدوحة</city></location></dateline>
  </body.head>
  <body.content>
   <p>ارتفعت أسعار النفط
      صباح اليوم.</p>
   <hl2>توقعات السوق</hl2>
   <media media-type="image">
    <media-reference source="oil.jpg" alternate-text="ناقلة نفط"/>
    <media-caption>ناقلة نفط في الخليج</media-caption>
    <media-producer>رويترز</media-producer>
   </media>
   <block><p>يتوقع المحللون <em>مزيدا</em> من الارتفاع.</p></block>
  </body.content>
 </body>
</nitf>
"""


def test_a_standalone_nitf_document_gives_every_field():
    piece = parse(ARABIC_NITF.encode())

    assert piece.format == "nitf"
    assert piece.headline == "أسعار النفط ترتفع"
    assert piece.standfirst == "خام برنت فوق 90 دولارا"
    assert piece.byline == "مراسلنا في الدوحة"
    assert piece.located == "الدوحة"
    assert piece.language == "ar"
    assert piece.sources == ["رويترز"]
    assert piece.keywords == ["النفط", "أوبك", "اقتصاد"]
    assert piece.external_id == "urn:newsroom:test:42"
    assert piece.version == 3
    assert piece.pub_status == "withheld"
    assert piece.published_at == datetime(2026, 1, 10, 5, 30, tzinfo=UTC)
    assert piece.embargoed == datetime(2026, 1, 11, 6, tzinfo=UTC)
    assert piece.blocks == [
        Paragraph("ارتفعت أسعار النفط صباح اليوم.", 25),
        Subheading("توقعات السوق", 27),
        Figure("ناقلة نفط", "ناقلة نفط في الخليج", "رويترز", 28),
        Paragraph("يتوقع المحللون مزيدا من الارتفاع.", 33),
    ]


def test_a_ninjs_1_item_reads_its_single_fields():
    item = """{"uri": "urn:x:1", "version": "4", "headline": "قمة في الرياض",
      "byline": "أحمد علي", "language": "ar", "located": "الرياض",
      "pubstatus": "canceled", "embargoed": "2026-02-01T10:00:00+03:00",
      "description_text": "القادة يجتمعون غدا.",
      "body_html": "<p>يجتمع القادة.</p><h2>الملفات</h2><p>ثلاثة ملفات.</p>",
      "subject": [{"name": "سياسة", "code": "11000000"}],
      "associations": {"featuremedia": {"type": "picture", "headline": "القاعة",
         "description_text": "قاعة المؤتمرات", "byline": "واس"}}}"""
    piece = parse(item.encode())

    assert (piece.format, piece.headline, piece.byline) == (
        "ninjs",
        "قمة في الرياض",
        "أحمد علي",
    )
    assert (piece.standfirst, piece.located, piece.language) == (
        "القادة يجتمعون غدا.",
        "الرياض",
        "ar",
    )
    assert (piece.version, piece.pub_status, piece.keywords) == (
        4,
        "canceled",
        ["سياسة"],
    )
    assert piece.embargoed == datetime(2026, 2, 1, 7, tzinfo=UTC)
    assert [type(b).__name__ for b in piece.blocks] == [
        "Paragraph",
        "Subheading",
        "Paragraph",
        "Figure",
    ]
    assert piece.blocks[-1] == Figure("القاعة", "قاعة المؤتمرات", "واس", 7)


def test_xhtml_inside_newsml_and_inline_plain_text_are_read():
    item = """<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g:1"
      version="1" standard="NewsML-G2" standardversion="2.35" xml:lang="ar">
      <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:QNA"/>
       <versionCreated>2026-01-01T10:00:00Z</versionCreated></itemMeta>
      <contentMeta><headline>عنوان</headline></contentMeta>
      <contentSet><inlineXML contenttype="application/xhtml+xml">
       <html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>
       <body><h1>عنوان</h1><p>فقرة أولى</p><figure><img src="a.jpg" alt="صورة"/>
       <figcaption>تعليق <cite>قنا</cite></figcaption></figure></body></html>
      </inlineXML></contentSet></newsItem>"""
    piece = parse(item.encode())

    assert piece.sources == ["QNA"]
    assert [b for b in piece.blocks if not isinstance(b, Figure)] == [
        Paragraph("فقرة أولى", 8)
    ]
    assert piece.blocks[-1].caption == "تعليق"
    assert piece.blocks[-1].credit == "قنا"
    plain = item.replace(
        item[item.index("<inlineXML") : item.index("</inlineXML>") + 12],
        '<inlineData contenttype="text/plain">سطر أول\n\nسطر ثان</inlineData>',
    )
    assert [b.text for b in parse(plain.encode()).blocks] == ["سطر أول", "سطر ثان"]


def test_html_loose_text_and_breaks_make_paragraphs():
    blocks = html_blocks("نص حر<div>أ<br>ب</div><script>x()</script>")

    assert [b.text for b in blocks] == ["نص حر", "أ", "ب"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<nitf><body><body.head><hedline><hl1>&lol3;</hl1></hedline></body.head></body></nitf>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x" version="1">
 <contentMeta><headline>&secret;</headline></contentMeta>
</newsItem>
"""


@pytest.mark.parametrize(
    ("data", "line"), [(BILLION_LAUGHS, 3), (EXTERNAL_ENTITY, 2)], ids=["laughs", "xxe"]
)
def test_entity_expansion_and_external_entities_are_refused(db, english, data, line):
    with pytest.raises(ParseError) as caught:
        parse(data.encode(), filename="evil.xml")

    assert caught.value.code == "xml_entities"
    assert caught.value.line == line
    assert str(caught.value).startswith(f"evil.xml, line {line}: the XML declares")
    result = article_import(data.encode(), filename="evil.xml")
    assert result.status == ImportStatus.FAILED
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        (
            b'<newsItem guid="x">\n<contentMeta>\n<headline>a</contentMeta>',
            "bad_xml",
            3,
        ),
        (b'{"uri": "x",\n "headlines": [\n {"value": "a"}\n', "bad_json", 4),
        (b'{"uri": "x",\n "headlines": "a"}', "bad_ninjs", None),
        (b'{"headline": "a"}', "bad_ninjs", None),
        (b"<rss><channel/></rss>", "unknown_xml", 1),
        (b'<newsItem guid="x"><contentMeta/></newsItem>', "no_headline", 1),
    ],
)
def test_broken_xml_and_json_fail_with_their_line(db, english, data, code, line):
    with pytest.raises(ParseError) as caught:
        parse(data, filename="wire")

    assert (caught.value.code, caught.value.line) == (code, line)
    assert "\n" not in str(caught.value)
    assert article_import(data, filename="wire").status == ImportStatus.FAILED
    assert not Article.objects.exists()


def test_a_wire_headline_longer_than_its_column_fails_with_its_line(english):
    item = f"""<newsItem guid="x" version="1">
<contentMeta>
<headline>{"ع" * 301}</headline>
</contentMeta></newsItem>"""

    with pytest.raises(ParseError) as caught:
        parse(item.encode())

    assert (caught.value.code, caught.value.line) == ("too_long", 3)


def test_an_unreadable_version_and_time_are_warnings():
    item = b"""<newsItem guid="x" version="v2"><itemMeta>
<versionCreated>yesterday</versionCreated></itemMeta>
<contentMeta><headline>a</headline></contentMeta></newsItem>"""

    piece = parse(item)

    assert piece.version is None and piece.version_created is None
    assert [(w.line, w.code) for w in piece.warnings] == [
        (1, "unreadable_version"),
        (1, "empty_text"),
        (2, "unreadable_time"),
    ]


def test_a_folder_or_zip_gives_its_wire_items_and_leaves_other_data(tmp_path):
    import io
    import zipfile

    from ingest.files import files_from_paths, files_from_zip

    for path in [
        *(WIRE / "newsml-g2").glob("LISTING_2_*"),
        WIRE / "ninjs/dpa_text.json",
    ]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "expected.json").write_text('{"headline": "x", "blocks": []}')
    (tmp_path / "feed.xml").write_text("<rss><channel/></rss>")

    names = [
        f.name.split("/")[-1] for f in files_from_paths([tmp_path], max_bytes=10**6)
    ]

    assert names == ["LISTING_2_NewsML-G2_Text_Document.xml", "dpa_text.json"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(tmp_path.iterdir()):
            archive.write(path, path.name)
    read = {
        f.name.split("/")[-1]: f.skipped
        for f in files_from_zip("w.zip", buffer, max_bytes=10**6)
    }
    assert read == {
        "LISTING_2_NewsML-G2_Text_Document.xml": False,
        "dpa_text.json": False,
        "expected.json": True,
        "feed.xml": True,
    }


def test_keywords_link_the_tags_the_newsroom_has_and_create_none(db, tmp_path):
    from articles.models import Tag
    from articles.tests.factories import make_tag
    from ingest.tests.test_import_articles import run

    oil = make_tag("نفط")
    opec = make_tag("أوبك")
    assert not Tag.objects.matching("اقتصاد").exists()
    # One file through the import service (a new version replaces its tags) ...
    result = article_import(ARABIC_NITF.encode(), filename="oil.xml")
    assert result.status == ImportStatus.CREATED
    assert list(result.article.tags.all()) == [opec]
    revision = result.article.revisions.first()
    assert [tag["name"] for tag in revision.content["tags"]] == ["أوبك"]
    # ... and many at once through the bulk path; "النفط" matches no tag as written.
    Tag.objects.filter(pk=oil.pk).update(name="النفط")
    Tag.objects.get(pk=oil.pk).save()
    for n in range(3):
        (tmp_path / f"{n}.xml").write_text(
            ARABIC_NITF.replace("urn:newsroom:test:42", f"urn:other:{n}").replace(
                "أسعار النفط ترتفع", f"أسعار النفط ترتفع {n}"
            )
        )
    code, _out, err = run(tmp_path)
    assert code == 0, err
    for article in Article.objects.exclude(pk=result.article.pk):
        assert set(article.tags.all()) == {Tag.objects.get(pk=oil.pk), opec}
    assert Tag.objects.count() == 2
