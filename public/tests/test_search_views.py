"""The public search page, /search/?q=…"""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from pytest_django.asserts import assertContains

from articles.tests.factories import make_article, make_caption, make_source
from articles.tests.html import elements
from public import navigation, search_views
from search import engine as search

pytestmark = pytest.mark.django_db

URL = "/search/"


def published(headline, body="", days_ago=1, **fields):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    return make_article(
        headline=headline, body=body, status="published", published_at=when, **fields
    )


def test_without_words_the_page_shows_the_form_only(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert elements(html, "html", lang="ar", dir="rtl")
    assert elements(html, "meta", name="robots", content="noindex, follow")
    assert elements(html, "input", name="q", dir="auto")
    assert not elements(html, class_="search-results") and "لم نجد" not in html


def test_results_show_highlighted_headline_source_date_and_snippet(client):
    agency = make_source(name="الجزيرة")
    article = published(
        "مستشفى الشفاء في غزة",
        "قال مدير المستشفى إن الوضع في غزّة صعب.",
        sources=[agency],
    )
    response = client.get(URL, {"q": "غزه"})
    with translation.override("ar"):
        day = date_filter(timezone.localtime(article.published_at), "j F Y")
    when = timezone.localtime(article.published_at).replace(microsecond=0).isoformat()
    assertContains(
        response,
        f"""<li class="search-result">
          <h3 class="card__title"><a href="{article.get_absolute_url()}">مستشفى
          الشفاء في <mark>غزة</mark></a></h3>
          <p class="meta"><time datetime="{when}">{day}</time> ·
          <a href="{agency.get_absolute_url()}">الجزيرة</a></p>
          <p class="search-snippet">قال مدير المستشفى إن الوضع في
          <mark>غزّة</mark> صعب.</p></li>""",
        html=True,
    )
    assertContains(
        response,
        '<h2 id="results-title" class="section-title">مقال واحد</h2>',
        html=True,
    )


def test_no_match_says_so_in_arabic(client):
    published("خبر عن الاقتصاد", "")
    response = client.get(URL, {"q": "قثصضطظ"})
    assert response.status_code == 200
    assertContains(
        response,
        '<h2 id="results-title" class="section-title">لم نجد مقالات تطابق «قثصضطظ».</h2>',
        html=True,
    )


def test_drafts_are_never_found(client):
    make_article(headline="مسودة عن غزة")
    response = client.get(URL, {"q": "غزة"})
    assert "مسودة" not in response.content.decode()
    assert "لم نجد مقالات تطابق" in response.content.decode()


def test_the_query_is_escaped(client):
    response = client.get(URL, {"q": '<script>alert("x")</script>'})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_misspelt_word_gets_results_for_similar_words(client):
    published("مستشفى الشفاء", "")
    response = client.get(URL, {"q": "مستشفيي"})
    html = response.content.decode()
    assert "لم نجد «مستشفيي» كما كُتبت؛ هذه نتائج لكلمات قريبة منها." in html
    assert elements(html, "mark", text="مستشفى")
    assert elements(html, "h3", class_="card__title", text="مستشفى الشفاء")


def test_pagination_keeps_the_query_and_the_filters(client):
    agency = make_source(name="رويترز")
    for n in range(12):
        published(f"غزة {n}", "", days_ago=n + 1, sources=[agency])
    response = client.get(URL, {"q": "غزة", "source": agency.slug})
    page = response.context["page_obj"]
    assert [a.headline for a in page.object_list] == [f"غزة {n}" for n in range(10)]
    html = response.content.decode()
    assert elements(html, "a", text="مزيد من النتائج") and "الصفحة 1 من 2" in html
    next_link = html.split('rel="next" href="')[1].split('"')[0]
    assert parse_qs(urlsplit(next_link.replace("&amp;", "&")).query) == {
        "q": ["غزة"],
        "source": [agency.slug],
        "page": ["2"],
    }
    second = client.get(URL + next_link.replace("&amp;", "&"))
    assert [a.headline for a in second.context["page_obj"].object_list] == [
        "غزة 10",
        "غزة 11",
    ]
    assert elements(second, rel="prev")
    assert elements(second, "ol", class_="search-results", start="11")
    assert client.get(URL, {"q": "غزة", "page": 9}).status_code == 404


def test_source_filter(client):
    agency, other = make_source(name="الأناضول"), make_source(name="رويترز")
    published("غزة من الأناضول", "", sources=[agency])
    published("غزة من رويترز", "", sources=[other])
    response = client.get(URL, {"q": "غزة", "source": agency.slug})
    headlines = [a.headline for a in response.context["page_obj"].object_list]
    assert headlines == ["غزة من الأناضول"]
    assertContains(
        response, f'<option value="{agency.slug}" selected>الأناضول</option>', html=True
    )


def test_sources_without_published_articles_are_not_offered(client):
    make_source(name="مصدر بلا مقالات")
    response = client.get(URL)
    assert "مصدر بلا مقالات" not in response.content.decode()


def test_date_filters(client):
    today = timezone.localdate()
    published("غزة قديم", "", days_ago=30)
    published("غزة حديث", "", days_ago=2)
    since = (today - datetime.timedelta(days=10)).isoformat()
    until = (today - datetime.timedelta(days=20)).isoformat()
    response = client.get(URL, {"q": "غزة", "date_from": since})
    assert [a.headline for a in response.context["page_obj"].object_list] == [
        "غزة حديث"
    ]
    response = client.get(URL, {"q": "غزة", "date_to": until})
    assert [a.headline for a in response.context["page_obj"].object_list] == [
        "غزة قديم"
    ]


def test_dates_in_the_wrong_order_are_refused(client):
    published("غزة", "")
    response = client.get(
        URL, {"q": "غزة", "date_from": "2026-05-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.as_data()["__all__"][0].code == "date_order"
    assert "يجب أن يسبق تاريخُ البداية تاريخَ النهاية." in response.content.decode()
    assert "لم نجد مقالات تطابق" in response.content.decode()


def test_a_capped_count_says_the_most_recent_are_shown(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_CANDIDATES", 3)
    monkeypatch.setattr(search_views, "MAX_CANDIDATES", 3)
    for n in range(5):
        published(f"غزة {n}", "", days_ago=n + 1)
    response = client.get(URL, {"q": "غزة"})
    assert "أحدث 3 مقال مطابق، مرتبة حسب الصلة" in response.content.decode()
    assert [a.headline for a in response.context["page_obj"].object_list] == [
        "غزة 0",
        "غزة 1",
        "غزة 2",
    ]


# The sources the filter offers (which also validate the chosen one), the ranked
# matches, the page's articles with their sources, their captions; on PostgreSQL the
# ranking runs inside a savepoint that sets the planner (SAVEPOINT, two SET LOCAL,
# RELEASE).
QUERIES = 4 + (4 if connection.vendor == "postgresql" else 0)


@pytest.mark.parametrize("articles", [2, 14])
def test_search_page_query_count_does_not_grow(
    client, django_assert_num_queries, articles
):
    sources = [make_source(name=f"وكالة {n}") for n in range(3)]
    for n in range(articles):
        article = published(f"غزة {n}", "نص عن غزة", sources=sources[: n % 3 + 1])
        make_caption(article, text="صورة من غزة")
        make_caption(article, position=2, text="صورة أخرى")
    navigation.main_sections()  # read once until a section changes
    with django_assert_num_queries(QUERIES):
        response = client.get(URL, {"q": "غزة", "source": sources[0].slug})
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == min(articles, 10)


@pytest.mark.parametrize(
    "params", [{"date_from": "2099-99-99"}, {"source": "لا-مصدر-بهذا-الاسم"}]
)
def test_a_wrong_filter_is_shown_not_silently_ignored(client, params):
    published("جولة جديدة من المفاوضات في غزة", "نص الخبر عن المفاوضات في غزة.")
    response = client.get(URL, {"q": "غزة", **params})
    html = response.content.decode()
    assert elements(html, class_="filters__error")
    assert "جولة جديدة من المفاوضات في غزة" not in html
