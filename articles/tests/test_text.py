import pytest

from articles.text import (
    MAX_TOKEN_LENGTH,
    SLUG_MAX_LENGTH,
    arabic_slugify,
    clean_text,
    fold_spaces,
    keyed_words,
    match_key,
    query_words,
    search_key,
    search_tokens,
    strip_marks,
)


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        (
            "رئيس الأركان الليبي المعين يزور مصر مجددا",
            "رئيس-الأركان-الليبي-المعين-يزور-مصر-مجددا",
        ),
        ("الـــرئيس يصـل", "الرئيس-يصل"),  # tatweel
        ("مَرْحَبًا بِكُمْ", "مرحبا-بكم"),  # harakat
        ("خليفة حِفتر", "خليفة-حفتر"),
        ("القدس\u200f اليوم\u200e", "القدس-اليوم"),  # RLM / LRM between words
        ("الرئيس\u202eيصل", "الرئيسيصل"),  # RTL override removed
        ("انتخابات ٢٠٢٦ في مصر", "انتخابات-2026-في-مصر"),  # Eastern digits
        ("قمة G20 في الرياض!", "قمة-g20-في-الرياض"),
        ("«الجزيرة»: تقرير (خاص)", "الجزيرة-تقرير-خاص"),
        ("عنوان:مع/شرطة،وفاصلة", "عنوان-مع-شرطة-وفاصلة"),
        ("ﻻ للحرب", "لا-للحرب"),  # presentation form
    ],
)
def test_slug_normalises_arabic(headline, slug):
    assert arabic_slugify(headline) == slug


def test_long_headline_slug_is_capped_at_a_word_boundary():
    headline = " ".join(["الاشتباكات"] * 40)
    slug = arabic_slugify(headline)
    assert len(slug) <= SLUG_MAX_LENGTH
    assert slug.split("-") == ["الاشتباكات"] * len(slug.split("-"))
    assert not slug.endswith("-")


def test_single_overlong_word_is_cut_hard():
    assert arabic_slugify("ب" * 200) == "ب" * SLUG_MAX_LENGTH


def test_slug_of_punctuation_only_is_empty():
    assert arabic_slugify("!!! ؟؟") == ""


def test_clean_text_keeps_spelling_and_marks_but_tidies_spaces():
    text = "  سيلتقى\u00a0فى  مجال\u200f التدريب، حِفتر الـ26 ٢٠١٤ \t"
    assert clean_text(text) == "سيلتقى فى مجال التدريب، حِفتر الـ26 ٢٠١٤"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("أسوشيتد برس", "اسوشيتد برس"),
        ("الجزيرة", "الجزيره"),
        ("مواقع التواصل", "مواقع  التواصل"),
        ("Reuters", "REUTERS"),
        ("رويترز-أرشيف", "رويترز أرشيف"),
        ("الأناضول", "الاناضول"),
    ],
)
def test_match_key_folds_spelling_variants(one, other):
    assert match_key(one) == match_key(other)


def test_match_key_keeps_different_names_apart():
    assert match_key("الجزيرة") != match_key("الجزيرة نت")


# --- The search normaliser: one test per rule ---------------------------------------


def keys(text):
    return search_tokens(text)


@pytest.mark.parametrize(
    ("marked", "plain"),
    [
        ("مَرْحَبًا", "مرحبا"),  # fatha, sukun, fathatan (U+064B-U+0652)
        ("مُسْتَشْفًى", "مستشفى"),
        ("شدَّة", "شدة"),  # shadda
        ("هٰذا الكتاب", "هذا الكتاب"),  # superscript alef U+0670
        ("الرَّحْمَٰنِ", "الرحمن"),
        ("صلى\u06d6 الله", "صلى الله"),  # Quranic annotation U+06D6
        ("قِرَاءَةٌ\u0655", "قراءة"),  # hamza below U+0655
    ],
)
def test_search_keys_ignore_harakat_and_quranic_marks(marked, plain):
    assert keys(marked) == keys(plain)


def test_search_keys_ignore_tatweel():
    assert keys("الـــرئيس يصـــل") == keys("الرئيس يصل") == ["رييس", "يصل"]


@pytest.mark.parametrize(
    "control",
    [
        "\u200e",
        "\u200f",
        "\u061c",
        "\u202b",
        "\u2067",
        "\u200b",
        "\u200d",
        "\u200c",
        "\ufeff",
    ],
)
def test_search_keys_ignore_bidi_and_zero_width_controls(control):
    assert (
        keys(f"القدس{control} اليوم") == keys(f"ال{control}قدس اليوم") == ["قدس", "يوم"]
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("أحمد", "احمد"),
        ("إسرائيل", "اسرائيل"),
        ("آمال", "امال"),
        ("ٱلله", "الله"),
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("غزة", "غزه"),  # ta marbuta
        ("مسؤول", "مسوول"),  # waw with hamza
        ("رئيس", "رييس"),  # ya with hamza
        ("کتاب", "كتاب"),  # Persian keheh
        ("BBC", "bbc"),
    ],
)
def test_search_keys_fold_letters_written_several_ways(one, other):
    assert keys(one) == keys(other)
    assert keys(one)


def test_search_keys_turn_eastern_digits_western():
    assert keys("عام ٢٠١٤") == keys("عام ۲۰۱۴") == keys("عام 2014") == ["عام", "2014"]


def test_search_keys_fold_presentation_forms():
    assert keys("ﻻجئون ﺍﻟﻘﺪﺱ") == keys("لاجئون القدس")


@pytest.mark.parametrize(
    ("glued", "bare"),
    [
        ("والمسؤولون", "المسؤولين"),
        ("للمسؤولين", "المسؤولون"),
        ("بالمستشفى", "المستشفى"),
        ("فالحكومة", "الحكومة"),
        ("كالعادة", "العادة"),
        ("وبالقاهرة", "القاهرة"),
        ("فللمرة", "المرة"),
        ("والله", "الله"),
    ],
)
def test_clitics_glued_to_the_article_come_off(glued, bare):
    assert keys(glued) == keys(bare)


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("والد", "والد"),
        ("بالغ", "بالغ"),
        ("والدة", "والد"),  # only the feminine ending comes off
        ("بالغة", "بالغ"),
        ("كالح", "كالح"),
    ],
)
def test_words_merely_beginning_like_a_clitic_stay_whole(word, key):
    assert keys(word) == [key]


def test_the_name_of_god_keeps_its_article():
    assert keys("الله") == keys("بالله") == ["الله"]


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("المسؤولون", "مسؤول"),
        ("المسؤولين", "مسؤول"),
        ("الانتخابات", "انتخاب"),
        ("المراقبان", "المراقبين"),
        ("الحكومة", "حكومات"),
        ("المصرية", "المصريين"),
    ],
)
def test_plural_dual_and_feminine_endings_come_off(inflected, base):
    assert keys(inflected) == keys(base)


@pytest.mark.parametrize(
    ("word", "key"),
    [("لبنان", "لبنان"), ("البحرين", "بحرين"), ("غزة", "غزه"), ("السودان", "سودان")],
)
def test_short_stems_keep_their_endings(word, key):
    assert keys(word) == [key]


def test_stop_words_are_dropped():
    assert keys("في من إلى التي وفي فقد عن") == []
    assert keys("على") == ["علي"]  # also the name Ali


def test_letters_and_digits_glued_together_are_split():
    assert keys("الـ26 من الشهر") == ["26", "شهر"]
    assert keys("بـ٥٠ دولارا") == ["50", "دولارا"]
    assert keys("قمة G20 وCOVID-19") == ["قمه", "g20", "covid", "19"]


def test_overlong_tokens_are_not_indexed():
    assert keys("ب" * (MAX_TOKEN_LENGTH + 1)) == []


def test_search_key_joins_keys_and_never_touches_the_text():
    text = "والمسؤولون في غزّة"
    assert search_key(text) == "مسوول غزه"
    assert text == "والمسؤولون في غزّة"


def test_keyed_words_place_keys_on_the_original_words():
    text = "قال حِفتر: الـــرئيس في «غزّة»."
    words = [(text[start:end], found) for start, end, found in keyed_words(text)]
    assert words == [
        ("قال", ("قال",)),
        ("حِفتر", ("حفتر",)),
        ("الـــرئيس", ("رييس",)),
        ("في", ()),
        ("غزّة", ("غزه",)),
    ]


def test_query_words_add_single_clitics_both_ways():
    (gaza,) = query_words("غزة")
    assert {"غزه", "وغزه", "بغزه", "لغزه", "فغزه"} <= set(gaza)
    (glued,) = query_words("بغزة")
    assert "غزه" in glued
    (hospital,) = query_words("المستشفى")
    assert "ومستشفي" in hospital


def test_query_words_add_no_clitic_that_would_change_the_word():
    assert query_words("حر") == [("حر",)]  # not بحر
    (hope,) = query_words("أمل")
    assert "كامل" not in hope  # ك is left out
    assert query_words("في") == []


def test_match_key_and_slugs_reuse_the_normaliser_pieces():
    assert match_key("الجزيرة") == fold_spaces(strip_marks("الجزيرة")).replace("ة", "ه")
    assert arabic_slugify("مُسْتَشْفَى") == strip_marks("مُسْتَشْفَى")
