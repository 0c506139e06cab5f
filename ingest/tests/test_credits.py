"""Image credits (``ingest/importer/credits.py``): a caption's final parenthesis split
off as its credit, and figures recognised by their shape and place, whatever their
credit."""

import itertools
import json

import pytest

from ingest.importer import Figure, Paragraph, Subheading, split_credit
from ingest.importer.credits import CreditParts
from ingest.tests.importer_cases import (
    ALT,
    CAPTION,
    KNOWN,
    PARAGRAPH,
    PARAGRAPH_2,
    codes,
    comparable,
    dump,
    parse,
    seedlike_cases,
    with_credits,
)

# --- Figures and credits ----------------------------------------------------------


def test_glued_credit_is_split_from_caption():
    piece = parse(dump(f"{ALT}\n{CAPTION}(الجزيرة)", PARAGRAPH))

    assert piece.blocks[0] == Figure(ALT, CAPTION, "الجزيرة", 3)


def test_spaced_credit_is_split_from_caption():
    piece = parse(dump(f"{CAPTION} (رويترز)", PARAGRAPH))

    assert piece.blocks[0] == Figure(None, CAPTION, "رويترز", 3)


def test_two_word_credit_is_kept_whole():
    piece = parse(dump(f"{CAPTION} (أسوشيتد برس)", PARAGRAPH))

    assert piece.blocks[0].credit == "أسوشيتد برس"


def test_archive_credit_is_kept_exactly_as_written():
    piece = parse(dump(f"{CAPTION}(رويترز-أرشيف)", PARAGRAPH))

    assert piece.blocks[0] == Figure(None, CAPTION, "رويترز-أرشيف", 3)
    assert piece.warnings == []


def test_identical_lines_give_alt_equal_to_caption_without_credit():
    line = f"{CAPTION} (غيتي)"
    piece = parse(dump(f"{line}\n{line}", PARAGRAPH))

    assert piece.blocks[0] == Figure(CAPTION, CAPTION, "غيتي", 3)


def test_identical_lines_without_credit_are_a_figure_with_a_warning():
    piece = parse(dump(f"{CAPTION}\n{CAPTION}", PARAGRAPH))

    assert piece.blocks[0] == Figure(CAPTION, CAPTION, None, 3)
    assert codes(piece) == [(3, "identical_lines_figure")]


def test_single_caption_line_has_no_alt_text():
    piece = parse(dump(PARAGRAPH, f"{CAPTION} (الأناضول)", PARAGRAPH_2))

    assert piece.blocks == [
        Paragraph(PARAGRAPH, 3),
        Figure(None, CAPTION, "الأناضول", 5),
        Paragraph(PARAGRAPH_2, 7),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "وتوفي الفنان الكبير صباح اليوم في أحد مستشفيات القاهرة (65 عاما)",
        "وقال الخبير إن سعر الصرف الرسمي سيبقى ثابتا (الدولار = 0.8 يورو)",
        "وارتفعت الأسعار بنسبة كبيرة هذا الشهر (12%)",
    ],
)
def test_parenthesis_with_numbers_ends_an_ordinary_line(sentence):
    piece = parse(dump(PARAGRAPH, sentence + ".", PARAGRAPH_2))

    assert not any(isinstance(b, Figure) for b in piece.blocks)
    piece = parse(dump(PARAGRAPH, sentence, PARAGRAPH_2))
    assert not any(isinstance(b, Figure) for b in piece.blocks)


def test_acronym_closing_a_sentence_is_not_a_credit():
    sentence = (
        "وقررت الدول الأعضاء في منظمة البلدان المصدرة للبترول خفض الإنتاج "
        "بمقدار مليون برميل يوميا بدءا من الشهر المقبل (أوبك)."
    )
    piece = parse(dump(PARAGRAPH, sentence, PARAGRAPH_2))

    assert piece.blocks[1] == Paragraph(sentence, 5)


@pytest.mark.usefixtures("english")
def test_known_credit_at_the_end_of_a_long_paragraph_is_not_taken():
    long_line = " ".join([PARAGRAPH.rstrip("."), PARAGRAPH_2.rstrip(".")]) + " (رويترز)"
    piece = parse(dump(PARAGRAPH, long_line))

    assert piece.blocks[1] == Paragraph(long_line, 5)
    assert codes(piece) == [(5, "parenthesis_not_credit")]
    assert piece.warnings[0].message == (
        "line 5: might be a photo caption: final parentheses (رويترز) not taken as a credit"
    )


def test_unknown_name_closing_a_short_caption_is_taken_with_a_warning():
    piece = parse(dump(f"{CAPTION} (وكالة سبوتنيك)", PARAGRAPH))

    assert piece.blocks[0] == Figure(None, CAPTION, "وكالة سبوتنيك", 3)
    assert codes(piece) == [(3, "unknown_credit")]


def test_short_sentence_ending_in_an_unknown_parenthesis_stays_a_paragraph():
    sentence = (
        "وأضاف المتحدث أن أسعار النفط ارتفعت بعد قرار منظمة الدول المصدرة للبترول "
        "(أوبك)"
    )
    piece = parse(dump(PARAGRAPH, "توتر سياسي", sentence, PARAGRAPH_2))

    assert piece.blocks[1:3] == [Subheading("توتر سياسي", 5), Paragraph(sentence, 7)]
    assert (7, "parenthesis_not_credit") in codes(piece)


def test_unknown_name_glued_to_a_short_caption_is_taken_with_a_warning():
    piece = parse(dump(f"{CAPTION}(سبوتنيك)", PARAGRAPH))

    assert piece.blocks[0] == Figure(None, CAPTION, "سبوتنيك", 3)
    assert codes(piece) == [(3, "unknown_credit")]


def test_caption_directly_after_a_paragraph_is_read_as_two_blocks():
    piece = parse(dump(f"{PARAGRAPH}\n{CAPTION} (الجزيرة)", PARAGRAPH_2))

    assert piece.blocks == [
        Paragraph(PARAGRAPH, 3),
        Figure(None, CAPTION, "الجزيرة", 4),
        Paragraph(PARAGRAPH_2, 6),
    ]


def test_two_short_lines_without_credit_are_alt_and_caption_with_a_warning():
    piece = parse(dump(f"{ALT}\n{CAPTION}", PARAGRAPH))

    assert piece.blocks[0] == Figure(ALT, CAPTION, None, 3)
    assert codes(piece) == [(3, "figure_without_credit")]


@pytest.mark.parametrize(
    ("credit", "parts"),
    [
        ("رويترز-أرشيف", CreditParts("رويترز", "أرشيف")),
        ("رويترز - أرشيف", CreditParts("رويترز", "أرشيف")),
        ("رويترز أرشيف", CreditParts("رويترز", "أرشيف")),
        ("مواقع التواصل-أرشيف", CreditParts("مواقع التواصل", "أرشيف")),
        ("الجزيرة-ارشيف", CreditParts("الجزيرة", "ارشيف")),
        ("أرشيف - الجزيرة", CreditParts("الجزيرة", "أرشيف")),
        ("الجزيرة", CreditParts("الجزيرة")),
        ("الجزيرة نت", CreditParts("الجزيرة نت")),
        ("أرشيف", CreditParts("أرشيف")),
        ("  الأناضول  ", CreditParts("الأناضول")),
        ("تصوير: علي كريم", CreditParts(None, photographer="علي كريم")),
        ("تصوير: علي كريم/رويترز", CreditParts("رويترز", photographer="علي كريم")),
        ("عدسة علي كريم / رويترز-أرشيف", CreditParts("رويترز", "أرشيف", "علي كريم")),
        ("علي كريم/رويترز", CreditParts("رويترز", photographer="علي كريم")),
        # Two agencies the newsroom knows stay one credit as written.
        ("الجزيرة/رويترز", CreditParts("الجزيرة/رويترز")),
    ],
)
def test_split_credit_separates_the_archive_note_and_the_photographer(credit, parts):
    assert split_credit(credit, KNOWN) == parts


def test_a_figure_carries_its_credit_split():
    piece = parse(dump(f"{CAPTION} (تصوير: علي كريم/رويترز-أرشيف)", PARAGRAPH))

    figure = piece.blocks[0]
    assert figure.credit == "تصوير: علي كريم/رويترز-أرشيف"
    assert figure.credit_parts == CreditParts("رويترز", "أرشيف", "علي كريم")


# --- Figures recognised by their shape, whatever their credit ---------------------------


#: A line between two paragraphs, parsed with no credit known to the newsroom, and
#: what it must be read as.
BORDERLINE = [
    ("جانب من اجتماع مجلس الوزراء الأردني في عمان (بترا)", Figure),
    ("جانب من جلسة مجلس النواب العراقي أمس (سبأ)", Figure),
    ("موظفون في مقر شركة أرامكو بالظهران (واس)", Figure),
    ("ولم يكتف الشباب بذلك بل رسموا على جدران المدرسة لوحات (تصوير: علي كريم)", Figure),
    ("وصل الوفد إلى العاصمة صباح اليوم في زيارة تستمر يومين (قنا)", Figure),
    ("جانب من الدمار الذي خلفه القصف في الحي القديم (وكالة الأنباء العمانية)", Figure),
    ("متظاهرون يرفعون الأعلام أمام مقر الحكومة (مواقع التواصل)", Figure),
    ("لقطة من الأرشيف للميناء قبل توسعته (أرشيف)", Figure),
    ("الرئيس يستقبل الوفد في القصر الجمهوري (علي كريم/سانا)", Figure),
    ("أطفال يلعبون في أحد مخيمات النزوح شمالي البلاد(يونيسف)", Figure),
    (
        "وأضاف المتحدث أن أسعار النفط ارتفعت بعد قرار منظمة الدول المصدرة للبترول "
        "(أوبك)",
        Paragraph,
    ),
    ("وقال إن الحكومة ستلتزم بقرار منظمة الدول المصدرة للنفط (أوبك).", Paragraph),
    ("وتوفي الرجل في منزله بعد صراع طويل مع المرض (65 عاما)", Paragraph),
    ("وارتفع سعر صرف العملة المحلية أمس (الدولار = 0.8 يورو)", Paragraph),
    (
        " ".join([PARAGRAPH.rstrip("."), PARAGRAPH_2.rstrip(".")]) + " (رويترز)",
        Paragraph,
    ),
    ("انتهت الجلسة دون اتفاق. وسيجتمع الطرفان مجددا الأسبوع المقبل (قنا)", Paragraph),
    # A caption may open like a report of speech: no evidence either way.
    ("قال وزير الخارجية إن المفاوضات ستستأنف قريبا في العاصمة (سانا)", Figure),
    ("وأكدت الشرطة أن التحقيق ما زال جاريا (ناشطون)", Figure),
    ("مقر منظمة الصحة العالمية في جنيف (تصوير: ليلى أحمد)", Figure),
    # A parenthesis abbreviating the organisation named just before it.
    (
        "وأعلنت الحكومة أن الرئيس سيزور البلاد الأسبوع المقبل بحسب وكالة الأنباء "
        "السعودية (واس)",
        Paragraph,
    ),
    ("ودعا الوزير المانحين إلى دعم جهود برنامج الأغذية العالمي(WFP)", Paragraph),
    # An item of a list.
    ("- الهجوم: محمد السهلاوي (النصر)، مهند عسيري وعبدالله العنزي (الأهلي)", Paragraph),
    ("6- غوغل دودل وهي الرسوم التي تزين شعار محرك البحث (الخربشة)", Paragraph),
]


@pytest.mark.parametrize(("line", "reading"), BORDERLINE)
def test_a_line_ending_in_parentheses_is_read_by_its_shape(line, reading):
    from ingest.importer import parse as parse_without_known_credits

    piece = parse_without_known_credits(dump(PARAGRAPH, line, PARAGRAPH_2))

    assert type(piece.blocks[1]) is reading, piece.blocks[1]


def test_an_unknown_credit_taken_is_flagged_on_its_line():
    from ingest.importer import parse as parse_without_known_credits

    piece = parse_without_known_credits(
        dump(PARAGRAPH, "وصل الوفد إلى العاصمة صباح اليوم في زيارة تستمر يومين (قنا)")
    )

    assert (5, "unknown_credit") in codes(piece)


def test_a_known_credit_makes_a_longer_line_a_caption():
    line = (
        "كما ناقش الجانبان جهود مكافحة الإرهاب مؤكدين أهمية استمرار التنسيق الأمني "
        "بين البلدين في المرحلة المقبلة لمواجهة التحديات الأمنية والاقتصادية الراهنة "
        "في المنطقة (سبأ)"
    )
    from ingest.importer import parse as parse_without_known_credits

    unknown = parse_without_known_credits(dump(PARAGRAPH, line, PARAGRAPH_2))
    known = parse(dump(PARAGRAPH, line, PARAGRAPH_2), known_credits=["سبأ"])

    assert type(unknown.blocks[1]) is Paragraph
    assert type(known.blocks[1]) is Figure


#: Blocks of a dump (between the headline and the source line) whose reading depends on
#: where a line stands, parsed with no credit known, and the kinds of blocks they give.
PLACEMENTS = [
    # Several sentences on a lone line: a paragraph between paragraphs, but a caption
    # where the lead photo goes, first in the body.
    (
        [
            "انتهت الجلسة دون اتفاق. وسيجتمع الطرفان مجددا الأسبوع المقبل (قنا)",
            PARAGRAPH,
        ],
        [Figure, Paragraph],
    ),
    # The same line twice is the format's figure, whatever the line says.
    (
        [
            PARAGRAPH,
            "انتهت الجلسة دون اتفاق. وسيجتمع الطرفان (قنا)\n"
            "انتهت الجلسة دون اتفاق. وسيجتمع الطرفان (قنا)",
            PARAGRAPH_2,
        ],
        [Paragraph, Figure, Paragraph],
    ),
    # An alt line above a caption that reports speech.
    (
        [
            PARAGRAPH,
            f"{ALT}\nوقال المتحدث إن فرق الإنقاذ ما زالت تبحث عن المفقودين (واع)",
            PARAGRAPH_2,
        ],
        [Paragraph, Figure, Paragraph],
    ),
    # A sub-heading running into a paragraph that ends in an abbreviation is no alt
    # line.
    (
        [
            PARAGRAPH,
            "أسعار النفط\nوأضاف المتحدث أن أسعار النفط ارتفعت بعد قرار منظمة الدول "
            "المصدرة للبترول (أوبك)",
            PARAGRAPH_2,
        ],
        [Paragraph, Subheading, Paragraph, Paragraph],
    ),
]


@pytest.mark.parametrize(("blocks", "kinds"), PLACEMENTS)
def test_a_line_ending_in_parentheses_is_read_by_its_place(blocks, kinds):
    from ingest.importer import parse as parse_without_known_credits

    piece = parse_without_known_credits(dump(*blocks))

    assert [type(b) for b in piece.blocks] == kinds, piece.blocks


#: Credits outside every list the project ships, and other than those of
#: benchmarks/unseen_credits.py, so that the shape rules are checked on names they were
#: not tuned on.
OTHER_UNSEEN_CREDITS = [
    "تصوير: محمد الحسن",
    "عدسة ليلى أحمد",
    "وفا",
    "واع",
    "ومع",
    "أ ش أ",
    "صورة أرشيفية",
    "فيسبوك",
    "إنستغرام",
    "أحمد يوسف/وفا",
    "صحيفة الأهرام",
    "التلفزيون الرسمي",
    "الصليب الأحمر",
    "Xinhua",
    "وزارة الدفاع",
    "الرئاسة المصرية",
    "حساب الوزارة على تويتر",
    "الجيش الإسرائيلي",
    "خاص",
    "ناشطون",
]


@pytest.mark.parametrize("credit", OTHER_UNSEEN_CREDITS)
def test_corpus_figures_with_credits_nobody_listed_are_read_whole(credit):
    """Every corpus dump, each credit replaced by one no newsroom lists (glued to the
    caption or not, in turn), parsed with no known credit: every figure is a figure,
    every paragraph a paragraph."""
    from ingest.importer import parse as parse_without_known_credits

    glued = itertools.cycle([False, True])
    for case in seedlike_cases():
        structure = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
        text, structure = with_credits(
            case.read_bytes(), structure, itertools.repeat(credit), glued=glued
        )

        piece = parse_without_known_credits(text.encode("utf-8"))

        assert comparable(piece.to_json()) == comparable(structure), case.name
