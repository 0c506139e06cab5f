import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.models import Article
from articles.tests.factories import (
    make_article,
    make_author,
    make_source,
    make_tag,
)
from public import sitemaps

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def doha_time():
    """Dates are shown in the site's time zone: pin it (UTC+3, no summer time)."""
    with timezone.override(ZoneInfo("Asia/Qatar")):
        yield


SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def published(headline="خبر", hours_ago=1, **fields):
    fields.setdefault("published_at", timezone.now() - timedelta(hours=hours_ago))
    return make_article(headline=headline, status="published", **fields)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


def locations(root):
    return [loc.text for loc in root.iter(f"{SM}loc")]


def test_index_lists_every_section_and_page(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for n in range(5):
        published(f"خبر {n}")
    index = parse(client.get("/sitemap.xml"))
    assert index.tag == f"{SM}sitemapindex"
    assert locations(index) == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
        "http://testserver/sitemap-news.xml",
        "http://testserver/sitemap-sources.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-tags.xml",
        "http://testserver/sitemap-authors.xml",
        "http://testserver/sitemap-pages.xml",
    ]
    pages = [
        locations(parse(client.get(f"/sitemap-articles.xml?p={p}"))) for p in (1, 2, 3)
    ]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404


def test_article_sitemap_has_only_published_articles_with_lastmod(client):
    article = published(published_at=datetime(2026, 3, 1, 9, tzinfo=UTC))
    Article.objects.filter(pk=article.pk).update(
        revised_at=datetime(2026, 3, 2, 9, tzinfo=UTC)
    )
    make_article(headline="مسودة")
    make_article(
        headline="مجدول",
        status="published",
        published_at=timezone.now() + timedelta(hours=1),
    )
    urlset = parse(client.get("/sitemap-articles.xml"))
    assert locations(urlset) == ["http://testserver" + article.get_absolute_url()]
    assert urlset.findtext(f"{SM}url/{SM}lastmod") == "2026-03-02T12:00:00+03:00"


def test_sources_and_pages_sitemaps(client):
    source = make_source(name="رويترز")
    make_source(name="مصدر بلا مقالات")
    published(sources=[source])
    assert locations(parse(client.get("/sitemap-sources.xml"))) == [
        "http://testserver" + source.get_absolute_url()
    ]
    assert locations(parse(client.get("/sitemap-pages.xml"))) == [
        "http://testserver/",
        "http://testserver/archive/",
        "http://testserver/corrections/",
    ]


def test_news_sitemap_has_the_last_48_hours(client):
    recent = published('خبر "عاجل" <اليوم>', hours_ago=3)
    published("خبر قديم", hours_ago=49)
    urlset = parse(client.get("/sitemap-news.xml"))
    urls = urlset.findall(f"{SM}url")
    assert len(urls) == 1
    url = urls[0]
    assert url.findtext(f"{SM}loc") == "http://testserver" + recent.get_absolute_url()
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "نيوزروم"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "ar"
    assert news.findtext(f"{NEWS}title") == 'خبر "عاجل" <اليوم>'
    published_at = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published_at == recent.published_at
    assert published_at.utcoffset() == timedelta(hours=3)


def test_robots_txt_points_to_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # count + latest change of articles and news; sources, sections, tags,
        # authors
        ("/sitemap.xml", 8),
        ("/sitemap-articles.xml", 2),  # count, page
        ("/sitemap-news.xml", 2),
        ("/sitemap-sources.xml", 2),
        ("/sitemap-sections.xml", 2),
        ("/sitemap-tags.xml", 2),
        ("/sitemap-authors.xml", 2),
    ],
)
def test_sitemap_query_count_is_fixed(
    client, django_assert_num_queries, default_sections, url, queries
):
    for size in (1, 6):
        Article.objects.all().delete()
        sources = [make_source() for _ in range(size)]
        tags = [make_tag() for _ in range(size)]
        authors = [make_author() for _ in range(size)]
        for n in range(size * 2):
            published(
                f"خبر {n}",
                hours_ago=n + 1,
                sources=sources,
                tags=tags,
                authors=authors,
            )
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200
