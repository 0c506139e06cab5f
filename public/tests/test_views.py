""""""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone
from PIL import Image as PILImage
from pytest_django.asserts import assertContains

from articles.models import Article, Image
from articles.tests.factories import (
    make_article,
    make_caption,
    make_source,
)
from articles.tests.html import elements
from public import navigation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def doha_time():
    """Dates are shown in the site's time zone: pin it (UTC+3, no summer time)."""
    with timezone.override(ZoneInfo("Asia/Qatar")):
        yield


def jpeg(width=1200, height=800):
    from io import BytesIO

    buffer = BytesIO()
    PILImage.new("RGB", (width, height), (90, 110, 140)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def make_photo(**fields):
    image = Image(**fields)
    image.file.save("photo.jpg", jpeg(), save=False)
    image.save()
    return image


def published(headline="خبر منشور", hours_ago=1, **fields):
    fields.setdefault("published_at", timezone.now() - timedelta(hours=hours_ago))
    return make_article(headline=headline, status="published", **fields)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# Home


def test_home_lists_published_articles_right_to_left(client):
    published("خبر منشور")
    make_article(headline="مسودة سرية")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert elements(html, "html", lang="ar", dir="rtl")
    assert "خبر منشور" in html and "مسودة سرية" not in html


def test_home_leads_with_the_newest_story_and_its_photo(client):
    reuters = make_source(name="رويترز")
    older = published("خبر أقدم", hours_ago=5, sources=[reuters])
    lead = published("الخبر الأحدث", hours_ago=1, standfirst="ملخص الخبر الأحدث.")
    make_caption(lead, text="صورة الخبر", image=make_photo(alt_text="وصف الصورة"))
    response = client.get("/")
    lead_html = re.search(
        r'<article class="lead-story".*?</article>', response.content.decode(), re.S
    )[0]
    assert "الخبر الأحدث" in lead_html and "ملخص الخبر الأحدث." in lead_html
    assert elements(lead_html, "img", alt="وصف الصورة", fetchpriority="high")
    assert "خبر أقدم" not in lead_html
    assert older.headline in response.content.decode()
    # Sources with published articles are linked from the home page.
    assert elements(response, "a", href=reuters.get_absolute_url())


def test_home_without_articles_says_so(client):
    make_article(headline="مسودة")
    html = client.get("/").content.decode()
    assert elements(html, "p", class_="empty", text="لم يُنشر شيء بعد.")
    assert "lead-story" not in html


# Article page


def test_article_page_shows_structure_in_place(client):
    reuters = make_source(name="رويترز")
    article = published(
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
        < html.index("<p>فقرة ثانية.</p>")
    )
    assertContains(
        response,
        '<figcaption>قطعة من جناح الطائرة <span class="credit">(رويترز)</span>'
        "</figcaption>",
        html=True,
    )
    assert re.search(r'<p class="sources">.*وكالات</a></p>', html)


def test_figure_without_photo_shows_only_its_caption(client):
    article = published(body="فقرة.\n\n[[صورة 1]]")
    make_caption(article, text="صورة ستصل لاحقا", credit=make_source(name="رويترز"))
    html = client.get(article.get_absolute_url()).content.decode()
    figure = re.search(r"<figure.*?</figure>", html, re.S)[0]
    assert elements(figure, "figure", class_="figure figure--no-photo")
    assert not elements(figure, "img")
    assert "صورة ستصل لاحقا" in figure


def test_figure_with_photo_has_dimensions_and_no_invented_srcset(client):
    article = published(body="فقرة.\n\n[[صورة 1]]\n\nفقرة.\n\n[[صورة 2]]")
    make_caption(article, 1, image=make_photo(alt_text="الطائرة"))
    make_caption(article, 2, image=make_photo(alt_text="الميناء"))
    html = client.get(article.get_absolute_url()).content.decode()
    images = elements(html, "img")
    assert len(images) == 2
    assert [(img.attrs.get("width"), img.attrs.get("height")) for img in images] == [
        ("1200", "800"),
        ("1200", "800"),
    ]
    assert not any("srcset" in img.attrs for img in images)
    # Only the first photo is fetched eagerly.
    assert images[0].attrs.get("fetchpriority") == "high"
    assert images[1].attrs.get("loading") == "lazy"


def test_unplaced_figures_follow_the_text(client):
    article = published(body="نص الخبر.")
    make_caption(article, text="صورة غير موضوعة في النص")
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("نص الخبر.") < html.index("صورة غير موضوعة في النص")


def test_article_dates_are_labelled_in_arabic_with_the_hijri_date(client):
    when = datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
    article = published(published_at=when)
    Article.objects.filter(pk=article.pk).update(updated_at=when)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert elements(html, "dt", text="نُشر")
    assertContains(
        response,
        '<time datetime="2026-11-28T11:30:00+03:00">'
        "السبت 28 نوفمبر/تشرين الثاني 2026، 11:30</time>",
        html=True,
    )
    (hijri,) = elements(html, "span", class_="hijri")
    assert hijri.text == "18 جمادى الآخرة 1448 هـ"
    assert "آخر تحديث" not in html


def test_old_articles_have_no_hijri_date_rather_than_an_error(client):
    article = published(published_at=datetime(1900, 5, 1, tzinfo=UTC))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "1 مايو/أيار 1900" in response.content.decode()
    assert not elements(response, class_="hijri")


def test_article_without_or_with_wrong_slug_redirects_permanently(client):
    article = published()
    for url in (f"/articles/{article.pk}/", f"/articles/{article.pk}/old-slug/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "draft"},
        {"status": "review"},
        {"status": "archived", "published_at": timezone.now() - timedelta(days=1)},
        {"status": "published", "published_at": timezone.now() + timedelta(hours=1)},
    ],
    ids=["draft", "review", "archived", "scheduled"],
)
def test_unpublished_articles_are_not_found(client, fields):
    article = make_article(**fields)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(f"/articles/{article.pk}/").status_code == 404
    assert article.headline not in client.get("/").content.decode()
    assert article.headline not in client.get("/archive/").content.decode()


def test_headline_html_is_escaped(client):
    article = published(headline="<script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Source page


def test_source_page_lists_its_published_articles(client):
    source = make_source(name="الجزيرة")
    published("خبر الجزيرة", sources=[source])
    published("خبر آخر")
    make_article(headline="مسودة الجزيرة", sources=[source])
    html = client.get(source.get_absolute_url()).content.decode()
    assert [h1.text for h1 in elements(html, "h1")] == ["الجزيرة"]
    assert "خبر الجزيرة" in html
    assert "خبر آخر" not in html and "مسودة الجزيرة" not in html


def test_source_page_is_paginated_newest_first(client):
    source = make_source(name="رويترز")
    for hours in range(1, 23):
        published(f"خبر رقم {hours}", hours_ago=hours, sources=[source])
    first = client.get(source.get_absolute_url()).content.decode()
    second = client.get(source.get_absolute_url() + "?page=2").content.decode()
    assert first.index("خبر رقم 1<") < first.index("خبر رقم 20<")
    assert "خبر رقم 21<" not in first and "خبر رقم 21<" in second
    assert elements(first, rel="next", href="?page=2")
    assert client.get(source.get_absolute_url() + "?page=9").status_code == 404


def test_unknown_source_is_not_found(client):
    assert client.get("/sources/لا-يوجد/").status_code == 404


# Archive


def test_archive_filters_by_source(client):
    reuters, afp = make_source(name="رويترز"), make_source(name="الفرنسية")
    published("خبر رويترز", sources=[reuters])
    published("خبر الفرنسية", sources=[afp])
    html = client.get("/archive/", {"source": reuters.slug}).content.decode()
    assert "خبر رويترز" in html and "خبر الفرنسية" not in html
    assert elements(html, "option", value=reuters.slug, selected=True)


def test_archive_filters_by_local_date_range(client):
    published("خبر الأول من نوفمبر", published_at=datetime(2026, 11, 1, 10, tzinfo=UTC))
    # 22:30 UTC on the 4th is already the 5th in Doha.
    published("خبر الخامس", published_at=datetime(2026, 11, 4, 22, 30, tzinfo=UTC))
    published("خبر العاشر", published_at=datetime(2026, 11, 10, 10, tzinfo=UTC))
    html = client.get(
        "/archive/", {"date_from": "2026-11-05", "date_to": "2026-11-10"}
    ).content.decode()
    assert "خبر الخامس" in html and "خبر العاشر" in html
    assert "خبر الأول من نوفمبر" not in html
    assert elements(html, "input", name="date_from", value="2026-11-05")


def test_archive_headline_words_ignore_harakat_tatweel_and_hamza(client):
    published("الرَّئيسُ يستقبل وفداً أمنياً")
    published("الـــرئيس يزور القاهرة")
    published("إطلاق مبادرة جديدة")
    published("خبر لا علاقة له")

    def titles(q):
        html = client.get("/archive/", {"q": q}).content.decode()
        return set(re.findall(r'<h3 class="card__title"><a [^>]*>([^<]+)</a>', html))

    assert titles("الرئيس") == {"الرَّئيسُ يستقبل وفداً أمنياً", "الـــرئيس يزور القاهرة"}
    assert titles("الرّئيس القاهرة") == {"الـــرئيس يزور القاهرة"}
    assert titles("اطلاق") == {"إطلاق مبادرة جديدة"}
    assert titles("وفدا") == {"الرَّئيسُ يستقبل وفداً أمنياً"}


def test_archive_pagination_keeps_the_filters(client):
    source = make_source(name="رويترز")
    for hours in range(1, 23):
        published(f"خبر رقم {hours}", hours_ago=hours, sources=[source])
    html = client.get("/archive/", {"source": source.slug, "q": "خبر"}).content.decode()
    link = re.search(r'rel="next" href="([^"]+)"', html)[1]
    assert (
        link
        == "?source=%D8%B1%D9%88%D9%8A%D8%AA%D8%B1%D8%B2&amp;q=%D8%AE%D8%A8%D8%B1&amp;page=2"
    )
    second = client.get("/archive/" + link.replace("&amp;", "&")).content.decode()
    assert "خبر رقم 21" in [e.text for e in elements(second)]
    assert elements(second, "input", name="q", value="خبر")


def test_archive_with_invalid_filter_shows_the_error(client):
    published("خبر")
    html = client.get("/archive/", {"date_from": "ليس تاريخا"}).content.decode()
    assert elements(html, class_="filters__error")
    assert "خبر<" not in html


def test_filtered_archive_is_not_indexed(client):
    filtered = client.get("/archive/?q=x")
    assert elements(filtered, "meta", name="robots", content="noindex, follow")
    assert "noindex" not in client.get("/archive/").content.decode()


# Errors


def test_not_found_page_is_friendly_arabic(client):
    response = client.get("/لا-توجد-صفحة-هنا/")
    html = response.content.decode()
    assert response.status_code == 404
    assert elements(html, "html", lang="ar", dir="rtl")
    assert elements(html, "h1", id="error-title", text="الصفحة غير موجودة")
    assert elements(html, "a", href="/archive/")


def test_server_error_page_needs_no_database_or_context(rf, django_assert_num_queries):
    from django.views.defaults import server_error

    with (
        django_assert_num_queries(0),
        override_settings(TEMPLATES=[_without_context_processors()]),
    ):
        response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert elements(html, "html", lang="ar", dir="rtl")
    assert elements(html, "h1", id="error-title", text="حدث خطأ ما")
    assert "نيوزروم" in html


def test_server_error_is_served_with_the_friendly_page(client):
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF="public.tests.urls_error"):
        response = client.get("/boom/")
    assert response.status_code == 500
    assert "حدث خطأ ما" in response.content.decode()


def _without_context_processors():
    from django.conf import settings

    engine = {**settings.TEMPLATES[0], "OPTIONS": {"context_processors": []}}
    return engine


# HTTP: caching and cookies


PAGES = ["/", "/archive/", "ARTICLE", "SOURCE"]


def _url(page, article, source):
    return {
        "ARTICLE": article.get_absolute_url(),
        "SOURCE": source.get_absolute_url(),
    }.get(page, page)


@pytest.mark.parametrize("page", PAGES)
def test_public_pages_are_cacheable_and_set_no_cookie(client, page):
    source = make_source(name="رويترز")
    article = published(sources=[source])
    response = client.get(_url(page, article, source))
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.get("Vary", "")
    assert "public" in response["Cache-Control"]
    assert re.search(r"max-age=\d+", response["Cache-Control"])
    assert response["ETag"]
    assert response["Last-Modified"]


@pytest.mark.parametrize("page", PAGES)
def test_conditional_requests_get_not_modified(client, page):
    source = make_source(name="رويترز")
    article = published(sources=[source])
    url = _url(page, article, source)
    first = client.get(url)
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_etag.status_code == 304 and by_date.status_code == 304
    assert by_etag.content == b""


def test_public_pages_refuse_post(client):
    assert client.post("/").status_code == 405


def test_content_security_policy_is_strict(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    html = client.get("/").content.decode()
    assert not elements(html, style=True)
    assert "<script>" not in html and "<script " not in html.replace(
        '<script type="application/ld+json">', ""
    )


# Query counts: fixed whatever the number of articles, figures and sources


def _content(size):
    """``size`` sources; ``size * 3`` published articles, each with ``size`` figures
    (half with photos) and every source."""
    sources = [make_source(name=f"مصدر {size} {n}") for n in range(size)]
    articles = []
    for n in range(size * 3):
        article = published(f"خبر {n}", hours_ago=n + 1, sources=sources)
        for position in range(1, size + 1):
            photo = make_photo() if position % 2 else None
            make_caption(article, position, **({"image": photo} if photo else {}))
        articles.append(article)
    return articles[0], sources[0]


@pytest.mark.parametrize("page", [*PAGES, "/archive/?q=خبر&page=1"])
def test_query_count_does_not_grow_with_content(
    client, django_assert_num_queries, page
):
    counts = []
    for size in (1, 4):
        Article.objects.all().delete()
        article, source = _content(size)
        url = _url(page, article, source)
        if page == "/archive/?q=خبر&page=1":
            url += f"&source={source.slug}"
        navigation.main_sections()  # read once until a section changes
        with django_assert_num_queries(EXPECTED_QUERIES[page]) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


EXPECTED_QUERIES = {
    # articles with their lead photos and sources, the sections' newest (the
    # same), the lead's figures; the sources list
    "/": 4,
    # count, page (cards with their sources); the source filter's choices
    "/archive/": 3,
    # … the choices also check the chosen source
    "/archive/?q=خبر&page=1": 3,
    # article with its section, sources, tags, authors, figures and corrections;
    # related articles ranked, with their sources (once ranked, they come with the
    # article: test_known_related_stories_come_with_the_article_in_one_query)
    "ARTICLE": 2,
    # source, count, page (cards with their sources)
    "SOURCE": 3,
}


def test_every_public_page_offers_the_search_box(client):
    html = client.get("/").content.decode()
    assert elements(
        html,
        "form",
        class_="site-search",
        role="search",
        action="/search/",
        method="get",
    )
    assert elements(html, "input", name="q", dir="auto")
    assert client.get("/").cookies == {}


def test_uploaded_photos_are_served_and_cached(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    response = client.get("/media/images/photo.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "max-age=604800" in response["Cache-Control"]
    # Paths leading out of the media folder are refused, never served.
    assert client.get("/media/../settings.py").status_code in (400, 404)
    assert client.get("/media/%2e%2e/manage.py").status_code in (400, 404)
