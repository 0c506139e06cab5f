"""The public pages' server-side cache and conditional requests (public.page_cache):
fresh after every write readers may see, 304 without rendering. When the site last
changed is public.freshness's, in test_freshness."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from articles.models import Article
from articles.tests.factories import make_article, make_source, make_user
from public import freshness

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def published(headline="خبر منشور", **fields):
    fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    return make_article(headline=headline, status="published", **fields)


def test_anonymous_pages_are_served_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    article = published()
    for url in ("/", article.get_absolute_url(), "/archive/", "/feeds/rss/"):
        first = client.get(url)
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200 and again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]
        assert "public" in again["Cache-Control"]


def test_the_page_cache_turned_off_renders_every_request(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    article = published("العنوان الأول")
    assert "العنوان الأول" in client.get(article.get_absolute_url()).content.decode()
    # Past every signal, as a raw SQL change would be: nothing was kept.
    Article.objects.filter(pk=article.pk).update(headline="العنوان الثاني")
    again = client.get(article.get_absolute_url(), follow=True)
    assert "العنوان الثاني" in again.content.decode()
    assert "public" in again["Cache-Control"]  # browsers and proxies still may


def test_an_edit_is_on_every_page_at_once(client):
    source = make_source(name="رويترز")
    article = published("العنوان الأول", sources=[source])
    urls = ["/", article.get_absolute_url(), "/archive/", source.get_absolute_url()]
    for url in urls:
        assert "العنوان الأول" in client.get(url, follow=True).content.decode()
    article.headline = "العنوان المعدل"
    article.save()
    for url in urls:
        html = client.get(url, follow=True).content.decode()
        assert "العنوان المعدل" in html and "العنوان الأول" not in html


def test_conditional_get_and_head_answer_304_without_rendering(
    client, django_assert_num_queries
):
    article = published()
    response = client.get(article.get_absolute_url())
    etag, last_modified = response["ETag"], response["Last-Modified"]
    with django_assert_num_queries(0):
        for method in (client.get, client.head):
            assert (
                method(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code
                == 304
            )
            again = method("/", HTTP_IF_MODIFIED_SINCE=last_modified)
            assert again.status_code == 304 and again["ETag"] == etag


def test_search_page_sends_cache_headers(client):
    published("زلزال في المدينة")
    response = client.get("/search/?q=زلزال")
    assert "public" in response["Cache-Control"] and response["ETag"]


def test_staff_are_never_served_from_the_cache(client):
    article = published("العنوان الأول")
    client.force_login(make_user(is_staff=True))
    client.get("/")
    # A write that bypasses save() (no signal): only an uncached page shows it.
    Article.objects.filter(pk=article.pk).update(headline="العنوان الثاني")
    response = client.get("/")
    assert "العنوان الثاني" in response.content.decode()
    assert "ETag" not in response or "public" not in response.get("Cache-Control", "")


def test_a_cached_page_is_answered_before_the_rest_of_the_stack(client, monkeypatch):
    """The page cache is the first middleware: a hit runs no session, CSRF, language
    or view code, and gives back the headers the whole stack gave the page."""
    from django.contrib.sessions.middleware import SessionMiddleware

    article = published()
    first = client.get(article.get_absolute_url())

    def no_further(*args, **kwargs):
        raise AssertionError("the stack ran for a cached page")

    monkeypatch.setattr(SessionMiddleware, "__call__", no_further)
    again = client.get(article.get_absolute_url())
    assert again.status_code == 200 and again.content == first.content
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Content-Language",
        "ETag",
        "Cache-Control",
    ):
        assert again[header] == first[header], header
    revalidated = client.get(
        article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert revalidated.status_code == 304


def test_staff_are_never_answered_from_the_cache(client):
    article = published()
    client.get(article.get_absolute_url())  # now cached for anonymous readers
    # Changed without a signal: only a rendered page shows it.
    Article.objects.filter(pk=article.pk).update(headline="عنوان يراه المحرر")
    client.force_login(make_user("staff", is_staff=True, is_superuser=True))
    assert (
        "عنوان يراه المحرر" in client.get(article.get_absolute_url()).content.decode()
    )


def test_a_cache_that_fails_leaves_the_pages_to_the_views(client, monkeypatch, caplog):
    from public import page_cache

    article = published()

    def unavailable(keys):
        raise ConnectionError("the cache server does not answer")

    monkeypatch.setattr(page_cache.cache, "get_many", unavailable)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Page cache unavailable" in caplog.text


def test_without_a_cache_pages_render_and_writes_go_through(client, monkeypatch):
    """A cache outage (Redis down) costs speed, never a page or an editor's save."""
    from public import page_cache

    article = published()

    def down(*args, **kwargs):
        raise ConnectionError("the cache server does not answer")

    assert page_cache.cache is freshness.cache  # django.core.cache.cache, both
    backend = caches["default"]  # what that proxy stands for
    for name in ("get", "get_many", "set"):
        monkeypatch.setattr(backend, name, down)
    assert client.get(article.get_absolute_url()).status_code == 200
    article.headline = "عنوان بعد انقطاع الذاكرة المؤقتة"
    article.save()
    assert "عنوان بعد انقطاع" in client.get(article.get_absolute_url()).content.decode()
