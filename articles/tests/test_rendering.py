import io

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.text import Truncator

from articles.models import Article
from articles.rendering import split_body_html, truncate_chars
from articles.tests.factories import make_article
from articles.tests.html import elements

pytestmark = pytest.mark.django_db


def test_saving_renders_the_body_escaped_with_figure_markers_and_the_summary():
    article = make_article(
        standfirst="",
        body="أولى <b>بخط</b> &amp;\nتكملة.\n\n[[صورة ٢]]\n\n## عنوان <i>\n\nثانية.",
    )
    assert article.body_html == (
        "<p>أولى &lt;b&gt;بخط&lt;/b&gt; &amp;amp; تكملة.</p>\n"
        "<!--figure 2-->\n<h2>عنوان &lt;i&gt;</h2>\n<p>ثانية.</p>"
    )
    assert list(split_body_html(article.body_html)) == [
        ("html", "<p>أولى &lt;b&gt;بخط&lt;/b&gt; &amp;amp; تكملة.</p>"),
        ("figure", 2),
        ("html", "<h2>عنوان &lt;i&gt;</h2>\n<p>ثانية.</p>"),
    ]
    assert article.summary == "أولى <b>بخط</b> &amp; تكملة."
    article.standfirst = "ملخص " * 100
    article.save(update_fields=["standfirst"])
    stored = Article.objects.get(pk=article.pk)
    assert stored.summary.startswith("ملخص ملخص") and len(stored.summary) == 320


def test_save_with_update_fields_body_stores_the_new_html():
    article = make_article(body="قديم.")
    article.body = "جديد."
    article.save(update_fields=["body"])
    assert Article.objects.get(pk=article.pk).body_html == "<p>جديد.</p>"


def test_bulk_create_renders_too():
    (article,) = Article.objects.bulk_create([Article(headline="خبر", body="نص.")])
    assert Article.objects.get(pk=article.pk).body_html == "<p>نص.</p>"


def test_render_articles_fills_rows_written_without_save():
    article = make_article(body="نص.")
    untouched = make_article(body="كما هو.")
    Article.objects.filter(pk=article.pk).update(body="نص آخر.", body_html="")
    out = io.StringIO()
    call_command("render_articles", stdout=out)
    assert out.getvalue().startswith("1 article(s)")
    assert Article.objects.get(pk=article.pk).body_html == "<p>نص آخر.</p>"
    assert Article.objects.get(pk=untouched.pk).body_html == "<p>كما هو.</p>"


def test_quotations_lists_links_and_emphasis_render_as_html():
    article = make_article(
        standfirst="",
        body=(
            "قال **الوزير** إن [الاتفاق](https://gov.example/a) *نهائي*.\n\n"
            "> لن نتراجع\n> — الوزير\n\n"
            "- أولًا\n- ثانيًا\n\n"
            "1. واحد\n2. [اثنان](javascript:alert(1))"
        ),
    )
    assert article.body_html == (
        '<p>قال <strong>الوزير</strong> إن <a href="https://gov.example/a">الاتفاق</a> '
        "<em>نهائي</em>.</p>\n"
        "<blockquote>\n<p>لن نتراجع</p>\n<footer>الوزير</footer>\n</blockquote>\n"
        "<ul>\n<li>أولًا</li>\n<li>ثانيًا</li>\n</ul>\n"
        "<ol>\n<li>واحد</li>\n<li>[اثنان](javascript:alert(1))</li>\n</ol>"
    )
    assert article.summary == "قال الوزير إن الاتفاق نهائي."


def test_a_numbered_list_taken_up_again_keeps_its_numbers():
    article = make_article(body="1. واحد\n2. اثنان\n\nفقرة بينهما.\n\n3. ثلاثة")
    assert article.body_html.endswith('<ol start="3">\n<li>ثلاثة</li>\n</ol>')


def test_an_embed_is_a_card_that_loads_nothing_until_asked():
    article = make_article(body="https://youtu.be/dQw4w9WgXcQ")
    assert article.body_html == (
        '<figure class="embed embed--youtube" '
        'data-frame="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" '
        'data-title="محتوى مضمَّن من YouTube">\n'
        '<figcaption class="embed-provider"><bdi>YouTube</bdi></figcaption>\n'
        '<p class="embed-link"><a href="https://youtu.be/dQw4w9WgXcQ" dir="ltr" '
        'rel="noopener noreferrer">https://youtu.be/dQw4w9WgXcQ</a></p>\n'
        '<p class="embed-privacy" hidden>لا يُحمَّل شيء من YouTube قبل أن تطلبه؛ '
        "عندها يتلقى عنوانك وقد يضع ملفات تعريف الارتباط.</p>\n"
        '<button type="button" class="embed-show" hidden>شغّل الفيديو</button>\n'
        "</figure>"
    )
    assert not elements(article.body_html, "iframe")


TRUNCATED = [
    "",
    "قصير",
    "رئيس الأركان الليبي المعين يزور مصر مجددا " * 12,
    # Harakat (combining) early, late, and right at the cut.
    "بِسْمِ اللَّهِ " + "نص بلا تشكيل " * 30,
    "نص بلا تشكيل " * 14 + "مُحَمَّد " * 5,
    "ا" * 159 + "\u064e" + "ب" * 10,
    "ا" * 160,
    "ا" * 161,
    # Decomposed forms: normalised (NFC) as Django does.
    "e\u0301" * 200,
    "آ" * 170,
    "Latin text, with punctuation… and more " * 8,
]


@pytest.mark.parametrize("text", TRUNCATED)
@pytest.mark.parametrize("length", [0, 1, 2, 159, 160, 200, 320])
def test_truncate_chars_gives_what_djangos_truncator_gives(text, length):
    for language in ("ar", "en"):
        with translation.override(language):
            assert truncate_chars(text, length) == Truncator(text).chars(length)
