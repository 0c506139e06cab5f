import io

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.rendering import split_body_html
from articles.tests.factories import make_article

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
