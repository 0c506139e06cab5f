"""The article list's search and filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.tests.factories import (
    editor,
    make_article,
    reporter,
)
from articles.tests.html import elements

pytestmark = pytest.mark.django_db


def queries_for(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("term", ["الرئيسُ", "الـرئيس", "اسيوط", "إسيوط", "يزور آسيوط"])
def test_search_ignores_harakat_tatweel_and_hamza(client, term):
    client.force_login(editor())
    make_article(headline="الرئيس يزور أسيوط")
    make_article(headline="خبر آخر", body="نص في موضوع مختلف تماما.")
    html = client.get("/admin/articles/article/", {"q": term}).content.decode()
    assert "الرئيس يزور أسيوط" in html
    assert "خبر آخر" not in html


def test_search_by_number_finds_the_article(client):
    client.force_login(editor())
    article = make_article(headline="خبر له رقم")
    html = client.get(
        "/admin/articles/article/", {"q": str(article.pk)}
    ).content.decode()
    assert "خبر له رقم" in html


def test_list_filters_status_scheduled_and_mine(client):
    me = reporter("me")
    client.force_login(me)
    make_article(headline="مسودتي", created_by=me)
    make_article(headline="مسودة غيري")
    make_article(headline="منشور الآن", status="published")
    make_article(
        headline="مجدول غدا",
        status="published",
        published_at=timezone.now() + timezone.timedelta(days=1),
    )

    def headlines(**params):
        html = client.get("/admin/articles/article/", params).content.decode()
        return {
            h for h in ["مسودتي", "مسودة غيري", "منشور الآن", "مجدول غدا"] if h in html
        }

    assert headlines(mine="1") == {"مسودتي"}
    assert headlines(state="draft") == {"مسودتي", "مسودة غيري"}
    assert headlines(state="scheduled") == {"مجدول غدا"}
    assert headlines(state="live") == {"منشور الآن"}


def test_search_counts_at_most_its_cap_and_says_so(client, monkeypatch):
    from desk.admin import articles as article_admin

    monkeypatch.setattr(article_admin.SearchPaginator, "cap", 2)
    monkeypatch.setattr(article_admin.ArticleAdmin, "search_count_cap", 2)
    client.force_login(editor())
    for number in range(4):
        make_article(headline=f"خبر مشترك {number}")
    html = client.get("/admin/articles/article/", {"q": "مشترك"}).content.decode()
    assert "أكثر من 2 نتيجة" in html
    assert len(elements(html, "span", class_="desk-status")) == 4
    # No date drill-down while searching: it would read every matching article.
    assert not elements(html, id="date-hierarchy-label")
    assert elements(client.get("/admin/articles/article/"), id="date-hierarchy-label")
