import pytest

from articles.text import SLUG_MAX_LENGTH, arabic_slugify, clean_text, match_key


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
