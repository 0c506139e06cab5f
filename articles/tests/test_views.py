import pytest

from .factories import make_article, make_caption, make_source

pytestmark = pytest.mark.django_db


def test_home_lists_published_articles_right_to_left(client):
    make_article(headline="خبر منشور", status="published")
    make_article(headline="مسودة سرية")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "خبر منشور" in html and "مسودة سرية" not in html


def test_article_page_shows_structure_in_place(client):
    reuters = make_source(name="رويترز")
    article = make_article(
        status="published",
        body="فقرة أولى.\n\n[[صورة 1]]\n\n## عنوان فرعي\nفقرة ثانية.",
        sources=[make_source(name="وكالات")],
    )
    make_caption(article, position=1, text="قطعة من جناح الطائرة", credit=reuters)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.index("فقرة أولى.")
        < html.index("<figure")
        < html.index("<h2>عنوان فرعي</h2>")
    )
    assert "<figcaption>قطعة من جناح الطائرة" in html
    assert '<span class="credit">(رويترز)</span>' in html
    assert "وكالات" in html


def test_article_without_or_with_wrong_slug_redirects_permanently(client):
    article = make_article(status="published")
    for url in (f"/articles/{article.pk}/", f"/articles/{article.pk}/old-slug/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


def test_draft_is_not_found(client):
    article = make_article()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_headline_html_is_escaped(client):
    article = make_article(headline="<script>alert(1)</script>", status="published")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_source_page_lists_its_published_articles(client):
    source = make_source(name="الجزيرة")
    make_article(headline="خبر الجزيرة", status="published", sources=[source])
    make_article(headline="خبر آخر", status="published")
    html = client.get(source.get_absolute_url()).content.decode()
    assert "خبر الجزيرة" in html and "خبر آخر" not in html
