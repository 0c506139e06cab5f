"""The TREC archive importer: metadata, body, abstract, source lines, times, and the
oddities of real ANT corpus files (copied under data/trec)."""

from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

import pytest
from django.utils import translation

from ingest.importer import Paragraph, ParseError, Subheading
from ingest.importer.trec import REPEAT_SHARE, repeated_share
from ingest.tests.importer_cases import TREC, parse, trec_files

# file, headline, published_at, byline, original_url, sources, blocks, has standfirst
EXPECTED = [
    ("001_ant-bbc.txt", "فرنسا تتجه لتشديد قوانين الهجرة", "2018-04-22T23:43:19+00:00", None, "http://www.bbc.co.uk/arabic/world-43860708", ["بي بي سي"], 9, False),
    ("002_ant-bbc.txt", "رسامة سورية تبحث بريشتها عن سحر والدها الراحل", "2018-08-09T15:24:58+00:00", None, "http://www.bbc.co.uk/arabic/middleeast-45128428", ["بي بي سي"], 19, True),
    ("004_ant-bbc.txt", "نوبل للسلام تُمنح لمكافحي الاغتصاب نادية مراد ودينيس ماكويغي", "2018-10-05T18:21:43+00:00", None, "http://www.bbc.co.uk/arabic/world-45762269", ["بي بي سي"], 20, True),
    ("010_ant-bbc.txt", "الانتخابات التركية: أرقام وحقائق", "2018-06-20T11:51:54+00:00", None, "http://www.bbc.co.uk/arabic/middleeast-44486295", ["بي بي سي"], 40, True),
    ("016_ant-bbc.txt", "موفدنا من الدوحة: عام قطري، حلو ومرّ", "2018-06-05T23:08:00+00:00", None, "http://www.bbc.co.uk/arabic/middleeast-44377935", ["بي بي سي"], 40, True),
    ("026_ant-bbc.txt", 'بعد إعلانها الصادم عن مرضها.. هل سنرى "تأثير إليسا"؟', "2018-08-10T11:40:42+00:00", None, "http://www.bbc.co.uk/arabic/middleeast-45114593", ["بي بي سي"], 21, True),
    ("037_ant-bbc.txt", 'من هم المتهمون بأنهم أعضاء "فريق تصفية" خاشقجي؟', "2018-10-19T15:57:55+00:00", None, "http://www.bbc.co.uk/arabic/middleeast-45914353", ["بي بي سي"], 68, False),
    ("047_ant-cnn.txt", "الرزاز: سنتخذ إجراءات فورية لإعادة العربة إلى مسارها", "2018-06-07T12:17:23+00:00", None, "https://arabic.cnn.com/middle-east/2018/06/07/me-070618-jordan-pm-interview", ["سي إن إن"], 12, False),
    ("048_ant-cnn.txt", 'طليقة القرضاوي تتحدث عن تقرير "إجبارها على مشاهدة فيلم إباحي ليلة الزفاف"', "2018-09-09T07:50:05+00:00", None, "http://arabic.cnn.com/middle-east/article/2018/09/09/qardawi-wife-response-wedding-night", ["سي إن إن"], 9, False),
    ("051_ant-cnn.txt", "\u202bحدث في 10 سبتمبر/أيلول.. وصول القوات العربية المشتركة إلى الكويت\u202c", "2018-09-10T05:51:40+00:00", None, "http://arabic.cnn.com/world/article/2018/09/10/today-in-history-kuwait-iraq-iran-nawaz-sharif", ["سي إن إن"], 12, False),
    ("091_ant-f24.txt", "مونديال 2018: مرحلة المجموعات بالأرقام", "2018-06-29T17:38:40+00:00", None, "http://www.france24.com/ar/20180629-مونديال-2018-مرحلة-المجموعات-أرقام", ["فرانس 24"], 0, False),
    ("115_ant-f24.txt", "الليرة التركية تتهاوى وخلافات أنقرة مع واشنطن تتحول لحرب اقتصادية", "2018-08-11T05:24:02+00:00", "فرانس 24", "http://www.france24.com/ar/20180811-الليرة-التركية-تهاوي-خلافات-أنقرة-واشنطن-حرب-اقتصادية-أردوغان-ترامب", ["فرانس 24", "أ ف ب"], 21, False),
    ("135_ant-sky.txt", 'من قتل القذافي وكيف؟.. شهادات "خاصة" في ذكرى مصرع العقيد', "2018-10-18T13:21:04+00:00", "أبوظبي - سكاي نيوز عربية", "https://www.skynewsarabia.com/middle-east/1192053-%D9%82%D8%AA%D9%84-%D8%A7%D9%84%D9%82%D8%B0%D8%A7%D9%81%D9%8A-%D9%88%D9%83%D9%8A%D9%81%D8%9F-%D8%B4%D9%87%D8%A7%D8%AF%D8%A7%D8%AA-%D8%AE%D8%A7%D8%B5%D8%A9-%D8%B0%D9%83%D8%B1%D9%89-%D9%85%D8%B5%D8%B1%D8%B9-%D8%A7%D9%84%D8%B9%D9%82%D9%8A%D8%AF", ["سكاي نيوز عربية"], 84, False),
    ("173_ant-sky.txt", "برشلونة تتأهب لحرب الهواتف الذكية", "2018-02-25T15:33:10+00:00", "أبوظبي - سكاي نيوز عربية", "https://www.skynewsarabia.com/web/article/1025039", ["سكاي نيوز عربية"], 22, False),
    ("177_ant-arb.txt", "كتب عربية متنوعة قد تعجبك.. تعرف عليها", "2018-07-16T14:14:34+04:00", "القافلة", "https://www.alarabiya.net/ar/qafilah/2018/07/16/كتب-عربية-متنوعة-قد-تعجبك-تعرف-عليها.html", ["العربية"], 56, False),
    ("182_ant-arb.txt", "متحف الباوهاوس البرليني.. تعميق البُعد الاجتماعي الواقعي للفن", "2018-03-11T12:55:51+04:00", "دارا العبدالله", "http://www.alarabiya.net/ar/qafilah/2018/03/11/متحف-الباوهاوس-البرليني-تعميق-البُعد-الاجتماعي-الواقعي-للفن.html", ["العربية"], 18, False),
    ("193_ant-arb.txt", 'إعلانات فيسبوك المثيرة للانقسام.. وراءها شركات "مريبة"', "2018-04-17T11:32:35+04:00", "لندن - رويترز", "https://www.alarabiya.net/ar/technology/2018/04/17/إعلانات-فيسبوك-المثيرة-للانقسام-وراءها-شركات-مريبة-.html", ["العربية"], 7, False),
    ("221_ant-jfm.txt", "انطلاق التصويت في الانتخابات الفرنسية : السير الذاتية لأبرز المترشحين", "2017-04-23T00:00:00+00:00", None, "http://www.jawharafm.net/ar/article/%D8%A7%D9%86%D8%B7%D9%84%D8%A7%D9%82-%D8%A7%D9%84%D8%AA%D8%B5%D9%88%D9%8A%D8%AA-%D9%81%D9%8A-%D8%A7%D9%84%D8%A7%D9%86%D8%AA%D8%AE%D8%A7%D8%A8%D8%A7%D8%AA-%D8%A7%D9%84%D9%81%D8%B1%D9%86%D8%B3%D9%8A%D8%A9--%D8%A7%D9%84%D8%B3%D9%8A%D8%B1-%D8%A7%D9%84%D8%B0%D8%A7%D8%AA%D9%8A%D8%A9-%D9%84%D8%A3%D8%A8%D8%B1%D8%B2-%D8%A7%D9%84%D9%85%D8%AA%D8%B1%D8%B4%D8%AD%D9%8A%D9%86/106/83097", ["جوهرة إف إم"], 2, False),
    ("223_ant-jfm.txt", "توضيح وزارة التجهيز بخصوص برنامج السكن الأول", "2017-02-10T09:18:00+01:00", None, "http://www.jawharafm.net/ar/article/توضيح-وزارة-التجهيز-بخصوص-برنامج-السكن-الأول/105/77814", ["جوهرة إف إم"], 2, False),
    ("226_ant-jfm.txt", "الشريط الساحلي التونسي يحتوى على كميات كبيرة من المضادات الحيوية قد تسبب مرض السرطان", "2013-12-12T00:00:00+00:00", None, "http://www.jawharafm.net/ar/article/-الشريط-الساحلي-التونسي-يحتوى-على-كميات-كبيرة-من-المضادات-الحيوية-قد-تسبب-مرض-السرطان/105/1828", ["جوهرة إف إم", "وكالة تونس افريقيا للأنباء"], 2, False),
    ("227_ant-jfm.txt", "وصفت بأنها الأعنف منذ 2011 : اشتباكات في بنغازي بين قوات حفتر ومتشددين", "2014-09-06T00:00:00+00:00", None, "http://www.jawharafm.net/ar/article/وصفت-بأنها-الأعنف-منذ-2011--اشتباكات-في-بنغازي-بين-قوات-حفتر-ومتشددين/106/15118", ["جوهرة إف إم", "رويترز"], 3, False),
    ("229_ant-jfm.txt", "هكذا يعيش اللاجئ السوري الذي ركلته المصورة المجرية", "2017-01-21T20:38:00+01:00", None, "http://www.jawharafm.net/ar/article/هكذا-يعيش-اللاجئ-السوري-الذي-ركلته-المصورة-المجرية/106/76382", ["جوهرة إف إم"], 2, False),
    ("232_ant-jfm.txt", "سيسوّق في تونس قريبا : أول هاتف ذكي في العالم بتقنية تانجو", "2016-12-22T20:33:00+01:00", None, "http://www.jawharafm.net/ar/article/سيسوّق-في-تونس-قريبا---أول-هاتف-ذكي-في-العالم-بتقنية-تانجو-/94/74051", ["جوهرة إف إم"], 13, False),
    ("260_ant-sky.txt", 'أوروبا "تلغي" الفحوصات الإضافية على الفراولة المصرية', "2018-04-06T13:05:18+00:00", "أبوظبي - سكاي نيوز عربية", "https://www.skynewsarabia.com/business/1036928", ["سكاي نيوز عربية"], 8, False),
    ("261_ant-jfm.txt", "مياه البحار قد ترتفع أكثر من المتوقع ب6 أمتار", "2017-01-22T18:56:00+00:00", None, "http://www.jawharafm.net/ar/article/مياه-البحار-قد-ترتفع-أكثر-من-المتوقع-ب6-أمتار/197/76438", ["جوهرة إف إم"], 4, False),
    ("262_ant-f24.txt", "اللبنانيون يدلون بأصواتهم في أول انتخابات برلمانية منذ 9 سنوات", "2018-05-06T05:16:25+00:00", "فرانس 24", "http://www.france24.com/ar/20180506-لبنان-اقتراع-انتخابات-برلمانية-تصويت", ["فرانس 24", "أ ف ب", "رويترز"], 9, False),
]  # fmt: skip


def read(name: str):
    return parse((TREC / name).read_bytes(), filename=name)


def codes(piece):
    return [(w.line, w.code) for w in piece.warnings]


@pytest.mark.parametrize(
    ("name", "headline", "published_at", "byline", "url", "sources", "count", "has_sf"),
    EXPECTED,
    ids=[row[0] for row in EXPECTED],
)
def test_trec_document_yields_its_metadata(
    name, headline, published_at, byline, url, sources, count, has_sf
):
    piece = read(name)

    assert piece.format == "trec"
    assert piece.headline == headline
    assert piece.published_at.isoformat() == published_at
    assert piece.byline == byline
    assert piece.original_url == url
    assert piece.sources == sources
    assert len(piece.blocks) == count
    assert (piece.standfirst is not None) == has_sf


def test_every_copied_trec_file_is_in_the_table():
    assert sorted(p.name for p in trec_files()) == sorted(row[0] for row in EXPECTED)


@pytest.mark.parametrize("path", trec_files(), ids=lambda p: p.name)
def test_trec_body_has_no_empty_or_repeated_text(path):
    piece = parse(path.read_bytes())
    texts = [b.text if hasattr(b, "text") else b.caption for b in piece.blocks]

    assert all(texts)
    assert all(text == " ".join(text.split()) for text in texts)
    assert all(a != b for a, b in pairwise(texts))
    if piece.standfirst:
        assert piece.standfirst != texts[0]
        assert repeated_share(piece.standfirst, piece.blocks) < REPEAT_SHARE
    assert [b.line for b in piece.blocks] == sorted(b.line for b in piece.blocks)


def test_external_id_and_category_come_from_docno_and_cat():
    piece = read("260_ant-sky.txt")

    assert piece.external_id == "SK-economy-296-20180406"
    assert piece.category == "economy"


@pytest.mark.usefixtures("english")
def test_abstract_repeating_the_first_paragraph_is_dropped_with_a_warning():
    piece = read("260_ant-sky.txt")

    assert piece.standfirst is None
    assert piece.warnings[0].code == "abstract_repeats_text"
    assert piece.warnings[0].message == (
        "line 9: the abstract repeats the opening paragraphs (100% of its words); "
        "it is dropped so it is not printed twice"
    )


def test_abstract_behind_a_dateline_is_still_a_repeat():
    piece = read("048_ant-cnn.txt")

    assert piece.blocks[0].text.startswith("دبي، الإمارات العربية المتحدة (CNN)—")
    assert piece.standfirst is None
    assert codes(piece) == [(9, "abstract_repeats_text")]


def test_abstract_that_says_something_else_becomes_the_standfirst():
    piece = read("002_ant-bbc.txt")

    assert piece.standfirst == (
        "كان “وليد” المدرب الأول ليديّ إيمان. توفي فجأة وليد، والد إيمان، ومنذ أشهر "
        "تعمل عن معرض عنه وعن العلاقة الروحيّة التي جمعتهما، وتكتب إيمان، التي تركت "
        "سوريا لتعيش في لبنان، عن ذلك."
    )


@pytest.mark.usefixtures("english")
def test_duplicated_consecutive_paragraph_is_dropped_with_a_warning():
    piece = read("260_ant-sky.txt")

    assert piece.blocks[0].line == 13
    assert piece.blocks[1].line == 15
    assert piece.warnings[1].message == "line 14: repeats line 13; the copy is dropped"


@pytest.mark.usefixtures("english")
def test_compact_iso_time_without_zone_is_read_as_utc_with_a_warning():
    piece = read("261_ant-jfm.txt")

    assert piece.published_at == datetime(2017, 1, 22, 18, 56, tzinfo=UTC)
    assert piece.warnings[0].message == (
        "line 7: time '2017-01-22T185600' has no zone; UTC assumed"
    )


def test_rfc_2822_time_keeps_its_offset():
    piece = read("177_ant-arb.txt")

    assert piece.published_at == datetime(
        2018, 7, 16, 14, 14, 34, tzinfo=timezone(timedelta(hours=4))
    )
    assert piece.published_at.utcoffset() == timedelta(hours=4)


def test_source_line_at_the_end_of_the_text_gives_sources_not_a_paragraph():
    piece = read("226_ant-jfm.txt")

    assert piece.sources == ["جوهرة إف إم", "وكالة تونس افريقيا للأنباء"]
    assert [b.line for b in piece.blocks] == [13, 14]
    assert (16, "source_line_in_text") in codes(piece)


def test_slash_separated_agency_line_gives_several_sources():
    piece = read("262_ant-f24.txt")

    assert piece.sources == ["فرانس 24", "أ ف ب", "رويترز"]
    assert piece.blocks[-1].text.startswith("وقال الرئيس اللبناني ميشال عون")


def test_agency_between_dashes_is_a_source_line():
    piece = read("227_ant-jfm.txt")

    assert piece.sources == ["جوهرة إف إم", "رويترز"]
    assert piece.blocks[-1].text.startswith("وقال عاملون في مستشفى لرويترز")


def test_white_space_only_lines_between_paragraphs_are_skipped():
    piece = read("048_ant-cnn.txt")

    assert [b.line for b in piece.blocks] == [13, 14, 15, 16, 18, 19, 20, 21, 22]
    assert all(isinstance(b, Paragraph) for b in piece.blocks)


def test_rule_of_dashes_is_dropped():
    piece = read("004_ant-bbc.txt")

    assert codes(piece) == [(32, "separator_dropped")]
    assert not any(set(b.text) <= set("-") for b in piece.blocks)


def test_short_unpunctuated_lines_over_paragraphs_are_subheadings():
    piece = read("016_ant-bbc.txt")

    assert [(b.line, b.text) for b in piece.blocks if isinstance(b, Subheading)] == [
        (24, "أسيرة الجغرافيا"),
        (35, "حرب الشاشات"),
        (45, "يد في الماء ويد في النار"),
    ]
    assert codes(piece) == [
        (24, "short_line_subheading"),
        (35, "short_line_subheading"),
        (45, "short_line_subheading"),
    ]


def test_list_items_and_broken_lines_are_not_subheadings_in_running_text():
    lines = "\n".join(
        [
            "وأعلنت اللجنة أسماء المرشحين الستة للانتخابات الرئاسية المقبلة.",
            "1- رجب طيب أردوغان",
            "وهو الرئيس الحالي للبلاد منذ عام 2014 ويسعى لولاية جديدة.",
            "حزب الشعب الجمهوري،",
            "ويقود الحزب المعارض الأكبر في البلاد منذ سنوات طويلة.",
            "17/07/2018",
            "وتجرى الانتخابات في الرابع والعشرين من الشهر الجاري.",
        ]
    )
    piece = parse(trec(lines))

    assert not any(isinstance(b, Subheading) for b in piece.blocks)
    assert len(piece.blocks) == 7


def test_signature_lines_at_the_end_stay_paragraphs():
    piece = read("002_ant-bbc.txt")

    assert [b.text for b in piece.blocks[-3:]] == [
        "إيمان",
        "17/07/2018",
        "للاطلاع على المشروع كاملا: عن التحدي والحب والاختلاف، رسائل من رسامات شابات",
    ]
    assert not any(isinstance(b, Subheading) for b in piece.blocks)


def test_raw_ampersand_stays_text():
    assert any("Sex & The City" in b.text for b in read("026_ant-bbc.txt").blocks)
    assert any("AT&T" in b.text for b in read("173_ant-sky.txt").blocks)


def test_title_only_document_parses_with_no_blocks_and_a_warning():
    piece = read("091_ant-f24.txt")

    assert piece.blocks == []
    assert piece.headline == "مونديال 2018: مرحلة المجموعات بالأرقام"
    assert codes(piece) == [(12, "empty_text")]


# --- Hand-made documents -------------------------------------------------------------


def trec(
    text="وقال المتحدث إن الاجتماع انتهى دون اتفاق.\nوأضاف أن المفاوضات ستستأنف قريبا.",
    *,
    title="عنوان الخبر",
    time="Fri, 06 Apr 2018 08:02:09 +0400",
    abstract="",
    src="skynews",
    before="",
    after="",
    newline="\n",
) -> bytes:
    lines = [
        f"{before}<DOC>",
        "<DOCNO>SK-economy-1-20180406</DOCNO>",
        "<URL>https://example.org/1</URL>",
        f"<SRC>{src}</SRC>",
        "<CAT>economy</CAT>",
        f"<TITLE>{title}</TITLE>" if title is not None else "",
        f"<TIME>{time}</TIME>",
        "<AUTHOR>القاهرة - أشرف عبد الحميد</AUTHOR>",
        "<ABSTRACT>",
        abstract,
        "</ABSTRACT>",
        "<TEXT>",
        text,
        "</TEXT>",
        f"</DOC>{after}",
    ]
    return newline.join(lines).encode("utf-8")


def test_hand_made_document_gives_every_field():
    piece = parse(trec(abstract="ملخص مختلف تماما عن نص الخبر وعن فقراته."))

    assert piece.to_json() == {
        "headline": "عنوان الخبر",
        "blocks": [
            {"type": "paragraph", "text": "وقال المتحدث إن الاجتماع انتهى دون اتفاق."},
            {"type": "paragraph", "text": "وأضاف أن المفاوضات ستستأنف قريبا."},
        ],
        "sources": ["سكاي نيوز عربية"],
        "format": "trec",
        "standfirst": "ملخص مختلف تماما عن نص الخبر وعن فقراته.",
        "published_at": "2018-04-06T08:02:09+04:00",
        "byline": "القاهرة - أشرف عبد الحميد",
        "original_url": "https://example.org/1",
        "external_id": "SK-economy-1-20180406",
        "category": "economy",
    }
    assert [b.line for b in piece.blocks] == [13, 14]


def test_entities_are_unescaped_and_raw_markup_kept():
    text = (
        "قال &quot;المتحدث&quot; إن AT&amp;T و R&D وأن 3 < 5 &#1605;&#x0645; <b>نص</b>."
    )
    piece = parse(trec(text))

    assert piece.blocks[0].text == (
        'قال "المتحدث" إن AT&T و R&D وأن 3 < 5 مم <b>نص</b>.'
    )


def test_escaped_right_to_left_override_is_removed():
    piece = parse(trec("نص &#x202E;معكوس&#x202C; هنا في الخبر الذي ينتهي بنقطة."))

    assert piece.blocks[0].text == "نص معكوس هنا في الخبر الذي ينتهي بنقطة."
    assert "bidi_override_removed" in [w.code for w in piece.warnings]


def test_document_with_crlf_and_leading_blank_lines_is_detected():
    piece = parse(trec(before="\ufeff\n \n", newline="\r\n"))

    assert piece.format == "trec"
    assert [b.line for b in piece.blocks] == [15, 16]


def test_lower_case_doc_tag_is_detected():
    data = trec().replace(b"<DOC>", b"<doc>").replace(b"</DOC>", b"</doc>")

    assert parse(data).format == "trec"


@pytest.mark.usefixtures("english")
def test_only_the_first_of_several_documents_is_read():
    data = trec() + b"\n" + trec(title="خبر آخر")
    piece = parse(data)

    assert piece.headline == "عنوان الخبر"
    assert "multiple_documents" in [w.code for w in piece.warnings]
    assert piece.warnings[-1].message == (
        "line 17: another <DOC> starts here; only the first document is read"
    )


@pytest.mark.usefixtures("english")
def test_document_without_title_is_refused():
    with pytest.raises(ParseError) as caught:
        parse(trec(title=None), filename="a.txt")

    assert caught.value.code == "no_headline"
    assert str(caught.value) == "a.txt, line 1: the TREC document has no <TITLE>"


def test_refusal_and_warnings_of_a_trec_document_are_in_arabic():
    with translation.override("ar"):
        with pytest.raises(ParseError) as caught:
            parse(trec(title=None), filename="a.txt")
        piece = parse(trec(src="Al Ahram"))

    assert str(caught.value) == "a.txt، السطر 1: وثيقة TREC بلا عنوان <TITLE>"
    outlet = next(w for w in piece.warnings if w.code == "unknown_outlet")
    assert outlet.message == (
        "السطر 4: الوسيلة الإعلامية «Al Ahram» في <SRC> غير معروفة؛ أُبقيت كما كُتبت"
    )


def test_empty_text_falls_back_on_the_abstract():
    piece = parse(trec("", abstract="ملخص الخبر الذي يقوم مقام النص."))

    assert piece.blocks == [Paragraph("ملخص الخبر الذي يقوم مقام النص.", 9)]
    assert piece.standfirst is None
    assert "abstract_used_as_body" in [w.code for w in piece.warnings]


def test_unknown_outlet_is_kept_as_written_with_a_warning():
    piece = parse(trec(src="Al Ahram"))

    assert piece.sources == ["Al Ahram"]
    assert "unknown_outlet" in [w.code for w in piece.warnings]


@pytest.mark.parametrize(
    ("raw", "moment", "code"),
    [
        ("Fri, 06 Apr 2018 08:02:09 +0400", "2018-04-06T08:02:09+04:00", None),
        ("Fri, 06 Apr 2018 08:02:09 GMT", "2018-04-06T08:02:09+00:00", None),
        ("06 Apr 2018 08:02:09 +0000", "2018-04-06T08:02:09+00:00", None),
        (
            "Fri, 06 Apr 2018 08:02:09 -0000",
            "2018-04-06T08:02:09+00:00",
            "time_assumed",
        ),
        ("2017-02-10T09:18:00+01:00", "2017-02-10T09:18:00+01:00", None),
        ("2017-01-22T185600", "2017-01-22T18:56:00+00:00", "time_assumed"),
        ("2017-01-22T1856", "2017-01-22T18:56:00+00:00", "time_assumed"),
        ("٢٠١٧-٠٢-١٠T09:18:00+01:00", "2017-02-10T09:18:00+01:00", None),
        ("12/12/2013", "2013-12-12T00:00:00+00:00", "time_assumed"),
        ("06/09/2014", "2014-09-06T00:00:00+00:00", "time_assumed"),
        ("31/02/2014", None, "unreadable_time"),
        ("yesterday", None, "unreadable_time"),
        ("Fri, 99 Foo 2018 08:02:09 +0400", None, "unreadable_time"),
        ("", None, "missing_time"),
    ],
)
def test_time_forms_are_read_as_aware_datetimes(raw, moment, code):
    piece = parse(trec(time=raw))

    assert (piece.published_at.isoformat() if piece.published_at else None) == moment
    time_codes = [w.code for w in piece.warnings if "time" in w.code]
    assert time_codes == ([code] if code else [])


def test_a_credit_line_names_known_credits_and_the_parser_keeps_no_list_of_its_own():
    from ingest.importer import parse as parse_without_known_credits

    piece = read("115_ant-f24.txt")
    raw = (TREC / "115_ant-f24.txt").read_bytes()
    bare = parse_without_known_credits(raw)

    # "فرانس24/ أ ف ب": the newsroom's sources (white space aside) make it a
    # source line; with none known it is text like any other.
    assert piece.sources == ["فرانس 24", "أ ف ب"]
    assert bare.sources == ["فرانس 24"]
    assert len(bare.blocks) == len(piece.blocks) + 1
    assert parse_without_known_credits(
        raw, known_credits=["فرانس 24", "أ ف ب"]
    ).sources == [
        "فرانس 24",
        "أ ف ب",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "قنا",
        "-واس-",
        "وام/ أ ف ب",
        "سانا + رويترز",
        "بترا، كونا",
        "وات",
        "د ب أ",
        "أ ب",
    ],
)
def test_the_national_agencies_of_the_default_sources_make_a_credit_line(line):
    piece = parse(trec(f"وقال المتحدث إن الاجتماع انتهى دون اتفاق.\n{line}"))

    assert [b.text for b in piece.blocks] == [
        "وقال المتحدث إن الاجتماع انتهى دون اتفاق."
    ]
    assert len(piece.sources) > 1
