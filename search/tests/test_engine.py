"""Search on whichever database the suite runs on (SQLite FTS5 or PostgreSQL): the
same API, the same answers. PostgreSQL-only checks are in test_search_postgres.py."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article, Caption, Image
from articles.tests.factories import make_article, make_caption, make_source
from ingest.services import article_import
from search.engine import (
    MAX_QUERY_LENGTH,
    Phrase,
    SearchResults,
    estimated_share,
    fts5_match,
    headline_has_words,
    highlight,
    parse_query,
    pg_tsquery,
    ranked_ids,
    search_queryset,
    similarity,
    snippet,
)
from search.services import search_index_rebuild, search_index_update
from search.sql import SQLITE_TRIGGERS, ensure_triggers

# --- Parsing the reader's query (no database) ----------------------------------------


def own_keys(query):
    return [
        [
            [w.keys[0] for w in item.words]
            if isinstance(item, Phrase)
            else item.keys[0]
            for item in group
        ]
        for group in query.groups
    ]


def test_words_must_all_match():
    query = parse_query("مستشفى غزة")
    assert own_keys(query) == [["مستشفي"], ["غزه"]]
    assert not query.excluded


@pytest.mark.parametrize("quotes", ['"{}"', "«{}»", "“{}”"])
def test_quoted_words_make_a_phrase(quotes):
    query = parse_query(quotes.format("مجلس النواب") + " ليبيا")
    assert own_keys(query) == [[["مجلس", "نواب"]], ["ليبيا"]]


def test_a_quote_left_open_runs_to_the_end():
    query = parse_query('ليبيا "مجلس النواب')
    assert own_keys(query) == [["ليبيا"], [["مجلس", "نواب"]]]


def test_minus_excludes_a_word_or_a_phrase():
    query = parse_query('الانتخابات -لبنان -"الرئيس الفرنسي"')
    assert own_keys(query) == [["انتخاب"]]
    assert [item.keys[0] for item in query.excluded[:1]] == ["لبنان"]
    assert isinstance(query.excluded[1], Phrase)


@pytest.mark.parametrize("word", ["OR", "or", "أو", "او"])
def test_or_joins_the_items_beside_it(word):
    query = parse_query(f"مستشفى غزة {word} رفح")
    assert own_keys(query) == [["مستشفي"], ["غزه", "رفح"]]


@pytest.mark.parametrize(
    "text", ["", "   ", "في من إلى", "OR", "-غزة", '""', "!!! ؟؟ ...", "-"]
)
def test_queries_without_a_word_to_find_are_empty(text):
    assert parse_query(text).is_empty


def test_a_word_that_splits_in_two_is_a_phrase():
    assert own_keys(parse_query("covid-19")) == [[["covid", "19"]]]


def test_long_queries_are_cut():
    assert len(parse_query("غزة " * 200).text) == MAX_QUERY_LENGTH


READERS_OPERATORS = [
    'غزة" OR -"',
    "غزة' ; DROP TABLE x",
    "غزة\\",
    "NEAR(غزة رفح)",
    "غزة* ^رفح",
    ":غزة",
    "غزة & !رفح | (",
    "غزة AND NOT",
]


@pytest.mark.parametrize("text", READERS_OPERATORS)
def test_words_reach_the_database_only_as_normalised_keys(text):
    query = parse_query(text)
    assert "غزه" in query.keys
    assert all(key.isalnum() for key in query.keys)


def test_compiled_queries_for_each_database():
    query = parse_query('"G20 summit" paris OR rome -london')
    assert pg_tsquery(query) == (
        "((('g20') <-> ('summit'))) & (('paris') | ('rome')) & !('london')"
    )
    assert fts5_match(query) == (
        '((("g20 summit")) AND (("paris") OR ("rome"))) NOT (("london"))'
    )


def test_trigram_similarity_is_pg_trgms():
    assert similarity("مستشفي", "مستشفي") == 1.0
    assert similarity("مستشفيي", "مستشفي") == pytest.approx(2 / 3)
    assert similarity("غزه", "رفح") == 0.0


# --- Highlighting and snippets (no database) -----------------------------------------


def test_highlight_marks_the_original_words_whose_keys_match():
    keys = parse_query("حفتر غزه والمسؤولون").keys
    html = highlight("قال حِفتر إن المسؤولين في غزّة <b>هنا</b>", keys)
    assert html == (
        "قال <mark>حِفتر</mark> إن <mark>المسؤولين</mark> في <mark>غزّة</mark> "
        "&lt;b&gt;هنا&lt;/b&gt;"
    )


def test_highlight_escapes_everything_else():
    html = highlight('<script>alert("غزة")</script>', parse_query("غزة").keys)
    assert html == "&lt;script&gt;alert(&quot;<mark>غزة</mark>&quot;)&lt;/script&gt;"


def test_snippet_picks_the_passage_with_the_most_query_words():
    filler = " ".join(["كلام"] * 40)
    blocks = [f"مقدمة {filler}", f"{filler} مستشفى في غزة اليوم {filler}"]
    html = snippet(blocks, parse_query("مستشفى غزة"), size=10, lead=2)
    assert (
        html
        == "… كلام كلام <mark>مستشفى</mark> في <mark>غزة</mark> اليوم كلام كلام كلام كلام …"
    )


def test_snippet_without_a_match_is_the_opening():
    html = snippet(["أول النص هنا.", "ثم غيره."], parse_query("رفح"), size=2)
    assert html == "أول النص …"


# --- Searching the database ----------------------------------------------------------

pytestmark = pytest.mark.django_db


def published(headline, body="", **fields):
    return make_article(headline=headline, body=body, status="published", **fields)


def found(q, queryset=None):
    queryset = Article.objects.published() if queryset is None else queryset
    return list(search_queryset(queryset, q).values_list("headline", flat=True))


def test_spelling_variants_find_each_other():
    published("مستشفى الشفاء في غزة", "وقال المسؤولين إن أحمد وصل.")
    published("خبر آخر", "لا علاقة له.")
    for q in ("غزه", "مستشفي", "والمسؤولون", "احمد", "مُسْتَشْفَى", "الـــشفاء"):
        assert found(q) == ["مستشفى الشفاء في غزة"], q


def test_eastern_and_western_digits_find_each_other():
    published("انتخابات ٢٠١٤", "")
    published("انتخابات 2018", "جرت في الـ26 من الشهر")
    assert found("2014") == ["انتخابات ٢٠١٤"]
    assert found("٢٠١٨") == ["انتخابات 2018"]
    assert found("٢٦") == ["انتخابات 2018"]


def test_clitics_in_the_text_are_found():
    published("وصول المساعدات", "ودخلت القوافل بغزة أمس.")
    assert found("غزة") == ["وصول المساعدات"]
    assert found("وغزة") == ["وصول المساعدات"]


def test_phrases_exclusions_and_or():
    published("مجلس النواب الليبي", "اجتمع مجلس النواب في طبرق.")
    published("النواب والمجلس", "قال النواب إن المجلس لم يجتمع.")
    published("حكومة جديدة في لبنان", "")
    assert found('"مجلس النواب"') == ["مجلس النواب الليبي"]
    assert set(found("مجلس النواب")) == {"مجلس النواب الليبي", "النواب والمجلس"}
    assert found("النواب -طبرق") == ["النواب والمجلس"]
    assert set(found("طبرق OR لبنان")) == {"مجلس النواب الليبي", "حكومة جديدة في لبنان"}


def test_words_together_rank_above_words_apart():
    apart = published("الرئيس يلتقي الوفد", "وأكد أن العلاقات مع الجانب التركي جيدة.")
    together = published("لقاء في أنقرة", "استقبل الرئيس التركي الوفد.")
    assert list(search_queryset(Article.objects.all(), "الرئيس التركي")) == [
        together,
        apart,
    ]


def test_headline_outranks_captions_which_outrank_the_body():
    body = published("تقرير اقتصادي", "وتحدث التقرير عن الزلزال.")
    caption = published("صور من الميدان", "لا شيء هنا.")
    make_caption(caption, text="آثار الزلزال في المدينة")
    headline = published("الزلزال يضرب المدينة", "لا شيء هنا.")
    assert list(search_queryset(Article.objects.all(), "الزلزال")) == [
        headline,
        caption,
        body,
    ]


def test_public_search_leaves_drafts_out_and_the_admin_search_keeps_them():
    published("غزة اليوم", "")
    make_article(headline="مسودة عن غزة")
    assert found("غزة") == ["غزة اليوم"]
    queryset = search_queryset(Article.objects.all(), "غزه")
    assert {a.headline for a in queryset} == {"غزة اليوم", "مسودة عن غزة"}


@pytest.mark.parametrize("text", READERS_OPERATORS)
def test_operators_typed_by_readers_never_break_the_search(text):
    published("غزة اليوم", "")
    assert found(text) in ([], ["غزة اليوم"])


def test_search_chains_with_other_filters():
    agency = make_source(name="الأناضول")
    published("غزة صباحا", "", sources=[agency])
    published("غزة مساء", "")
    assert found("غزة", Article.objects.published().filter(sources=agency)) == [
        "غزة صباحا"
    ]
    assert search_queryset(Article.objects.all(), "في من").count() == 0


def test_ranked_ids_agree_with_the_queryset():
    for n in range(12):
        article = published(f"خبر {n} عن غزة", "غزة " * (n % 4) + "مستشفى")
        if n % 3 == 0:
            make_caption(article, text="مستشفى في غزة")
    for q in ("غزة", "مستشفى غزة", "غزة OR مستشفى"):
        queryset = search_queryset(Article.objects.published(), q)
        assert [
            pk for pk, _rank in ranked_ids(Article.objects.published(), parse_query(q))
        ] == list(queryset.values_list("pk", flat=True))


# --- The index stays current ----------------------------------------------------------


def test_edits_reindex_in_the_same_save():
    article = published("خبر", "نص عن الاقتصاد")
    article.body = "نص عن الزراعة"
    article.save()
    assert found("الزراعة") == ["خبر"]
    assert found("الاقتصاد") == []
    article.headline = "عنوان جديد عن الصيد"
    article.save(update_fields=["headline"])
    assert found("الصيد") == ["عنوان جديد عن الصيد"]


def test_caption_changes_alone_reindex_the_article():
    article = published("صور اليوم", "")
    caption = make_caption(article, text="قطعة من جناح الطائرة")
    assert found("الطائرة") == ["صور اليوم"]
    caption.text = "دخان فوق الميناء"
    caption.save()
    assert found("الطائرة") == []
    assert found("الميناء") == ["صور اليوم"]
    other = published("صور أمس", "")
    caption.article = other
    caption.save()
    assert found("الميناء") == ["صور أمس"]
    caption.delete()
    assert found("الميناء") == []


def test_bulk_created_articles_and_captions_are_indexed():
    (article,) = Article.objects.bulk_create(
        [
            Article(
                headline="عاصفة رملية",
                body="غبار كثيف",
                status="published",
                published_at=timezone.now(),
            )
        ]
    )
    image = Image.objects.create()
    Caption.objects.bulk_create(
        [Caption(article=article, image=image, text="رؤية منعدمة", position=1)]
    )
    assert found("غبار") == found("رؤيه") == ["عاصفة رملية"]


def test_deleted_articles_leave_the_index():
    article = published("خبر عابر", "")
    make_caption(article, text="صورة عابرة")
    article.captions.all().delete()
    article.delete()
    assert found("عابر") == []
    assert search_queryset(Article.objects.all(), "عابر").count() == 0


def test_imports_are_searchable(seed_bytes, desk_sources):
    result = article_import(seed_bytes, filename="seed.txt")
    assert result.ok
    everything = Article.objects.all()  # a draft: the desk's search finds it
    assert found("الناظوري", everything) == [result.article.headline]
    assert found("سوخوي", everything) == [result.article.headline]  # in a caption
    assert found("والمسؤولون", everything) == [result.article.headline]


def test_search_index_update_repairs_writes_that_bypass_save():
    article = published("خبر", "نص قديم")
    caption = make_caption(article, text="صورة قديمة")
    Article.objects.filter(pk=article.pk).update(body="نص عن البركان")
    Caption.objects.filter(pk=caption.pk).update(text="رماد البركان")
    assert found("البركان") == []
    assert search_index_update(article) == article
    assert article.search_body == "نص بركان"
    assert search_queryset(Article.objects.all(), "رماد").get() == article


def test_rebuild_search_index_command(capsys):
    article = published("خبر", "نص قديم")
    Article.objects.filter(pk=article.pk).update(body="نص عن الجليد", search_body="")
    call_command("rebuild_search_index", "--dry-run")
    assert capsys.readouterr().out == "1 article(s) have out-of-date search keys.\n"
    assert found("الجليد") == []
    call_command("rebuild_search_index", "--batch-size", "1")
    assert "1 article(s) had out-of-date keys" in capsys.readouterr().out
    assert found("الجليد") == ["خبر"]
    assert search_index_rebuild() == 0


def test_rebuild_search_index_refuses_a_bad_batch_size():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("rebuild_search_index", "--batch-size", "0")


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite drops triggers when it rebuilds a table",
)
@pytest.mark.django_db(transaction=True)
def test_sqlite_triggers_come_back_after_a_table_rebuild():
    from django.db import models

    published("قبل إعادة البناء", "")
    old = Article._meta.get_field("byline")
    new = models.CharField(max_length=300, blank=True)
    new.set_attributes_from_name("byline")
    new.model = Article
    with connection.schema_editor(atomic=False) as editor:
        editor.alter_field(Article, old, new)  # as a migration rebuilding the table
    try:
        assert set(ensure_triggers(connection)) == {
            "articles_article_fts_insert",
            "articles_article_fts_update",
            "articles_article_fts_delete",
        }
        assert ensure_triggers(connection) == []
        published("بعد إعادة البناء", "")
        assert set(found("البناء")) == {"قبل إعادة البناء", "بعد إعادة البناء"}
    finally:
        with connection.schema_editor(atomic=False) as editor:
            editor.alter_field(Article, new, old)
        ensure_triggers(connection)
    assert len(SQLITE_TRIGGERS) == 6


# --- Results for a page ------------------------------------------------------------


def test_results_carry_highlighted_headlines_and_snippets():
    article = published(
        "حِفتر يزور القاهرة", "وصل الـمشير خليفة حِفتر إلى القاهرة <b>اليوم</b>."
    )
    results = SearchResults(Article.objects.published().for_search_results(), "حفتر")
    assert results.count() == 1
    (item,) = results[0:10]
    assert item == article
    assert item.search_headline_html == "<mark>حِفتر</mark> يزور القاهرة"
    assert item.search_snippet == (
        "وصل الـمشير خليفة <mark>حِفتر</mark> إلى القاهرة &lt;b&gt;اليوم&lt;/b&gt;."
    )
    assert results[0] == article
    assert results.suggestions == {}


def test_results_fall_back_to_similar_words_when_nothing_matches():
    published("مستشفى الشفاء", "")
    results = SearchResults(Article.objects.published(), "مستشفيي")
    assert results.count() == 1
    assert results.suggestions == {"مستشفيي": ("مستشفي",)}
    assert results[0:1][0].search_headline_html == "<mark>مستشفى</mark> الشفاء"
    assert (
        SearchResults(Article.objects.published(), "مستشفيي", fuzzy=False).count() == 0
    )
    assert SearchResults(Article.objects.published(), "قثصضطظ").count() == 0


def test_estimated_share_multiplies_groups_and_adds_alternatives():
    query = parse_query("غزة OR رفح مستشفى")
    shares = {"غزه": 0.2, "بغزه": 0.05, "رفح": 0.1, "مستشفي": 0.5}
    assert estimated_share(query, shares) == pytest.approx((0.25 + 0.1) * 0.5)
    assert (
        estimated_share(parse_query('"مجلس النواب"'), {"مجلس": 0.3, "نواب": 0.1}) == 0.1
    )
    assert estimated_share(parse_query("نادر"), shares) == 0.0
    assert estimated_share(parse_query("في"), shares) == 0.0


def test_headline_has_words_needs_every_word():
    make_article(headline="الرئيس يزور القاهرة", status="published")
    make_article(headline="الرئيس يستقبل وفدا", status="published")
    found = headline_has_words(Article.objects.all(), "القاهرة الرّئيس")
    assert [a.headline for a in found] == ["الرئيس يزور القاهرة"]
    assert headline_has_words(Article.objects.all(), "   ").count() == 2


def test_headline_has_words_treats_like_wildcards_as_text():
    make_article(headline="نسبة المشاركة")
    assert headline_has_words(Article.objects.all(), "نسب%").count() == 0
    assert headline_has_words(Article.objects.all(), "نسب_").count() == 0


def test_headline_has_words_reads_words_as_search_does():
    make_article(headline="والمسؤولون في غزة يزورون المستشفى")
    make_article(headline="وفد يزور القاهرة")
    for words in ["المسؤولين", "غزه", "مستشفي", "بغزة"]:
        found = headline_has_words(Article.objects.all(), words)
        assert [a.headline for a in found] == ["والمسؤولون في غزة يزورون المستشفى"]


def test_the_index_holds_the_words_of_the_notation_not_its_marks_or_addresses():
    article = published(
        "خبر",
        "قال **الوزير** إن [الاتفاق](https://volcano.example/deal) *نهائي*\n\n"
        "> لن نتراجع\n> — المتحدث\n\n- بند أول\n\nhttps://youtu.be/dQw4w9WgXcQ",
    )
    article.refresh_from_db()
    for word in ("الوزير", "نتراجع", "المتحدث", "بند"):
        assert found(word) == ["خبر"], word
    for noise in ("volcano", "https", "youtu", "dQw4w9WgXcQ", "**"):
        assert noise not in article.search_body, noise
    assert found("volcano") == []
