"""When the public site last changed (``public/freshness.py``): the site's generation,
and with it every page's validators, moves on with every change readers see, when a
scheduled article falls due, and in every process sharing the cache."""

import os
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone

from articles.models import Article, Section
from articles.tests.factories import (
    make_article,
    make_author,
    make_caption,
    make_section,
    make_source,
    make_tag,
)
from public import freshness
from public.tests.test_taxonomy_pages import published
from public.tests.test_views import make_photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.usefixtures("default_sections")
@pytest.mark.parametrize(
    "change",
    [
        lambda: make_section("قسم جديد"),
        lambda: make_tag("وسم جديد"),
        lambda: make_author("كاتب جديد"),
        lambda: published().tags.add(make_tag("وسم آخر")),
        lambda: published().sections.add(Section.objects.get(name="سياسة")),
    ],
)
def test_changes_to_sections_tags_and_authors_refresh_public_pages(change):
    before = freshness.current().generation
    change()
    assert freshness.current().generation > before


@pytest.mark.parametrize(
    "change",
    ["archive", "photo", "caption", "source rename", "unpublish"],
)
def test_validators_advance_with_every_change_readers_see(client, change):
    source = make_source(name="رويترز")
    article = published(sources=[source])
    caption = make_caption(article, image=make_photo())
    url = article.get_absolute_url()
    before = client.get(url)
    if change == "archive":
        article.status = "archived"
        article.save()
    elif change == "unpublish":
        article.status = "draft"
        article.save()
    elif change == "photo":
        image = caption.image
        image.file.save("other.jpg", make_photo().file.file, save=False)
        image.save()
    elif change == "caption":
        caption.text = "تعليق جديد"
        caption.save()
    else:
        source.name = "وكالة رويترز"
        source.save()
    for page in (url, "/", "/feeds/rss/", "/archive/", "/sitemap-articles.xml"):
        response = client.get(
            page,
            HTTP_IF_MODIFIED_SINCE=before["Last-Modified"],
            HTTP_IF_NONE_MATCH=before["ETag"],
        )
        assert response.status_code != 304, page
        stale = client.get(page, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
        assert stale.status_code != 304, page


def test_a_scheduled_article_appears_on_time_with_no_job(client, monkeypatch):
    published("خبر قديم")
    make_article(
        headline="خبر مجدول",
        status="published",
        published_at=timezone.now() + timedelta(minutes=30),
    )
    assert "خبر مجدول" not in client.get("/").content.decode()
    later = timezone.now() + timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(freshness.time, "time", lambda: later.timestamp())
    assert "خبر مجدول" in client.get("/").content.decode()


REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")


@pytest.fixture
def redis_cache(settings):
    """The page cache in a real Redis (CI starts one), emptied before and after."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom-tests",
        }
    }
    cache = caches["default"]
    try:
        cache.clear()
    except Exception as error:
        if os.environ.get("NEWSROOM_REQUIRE_REDIS"):
            pytest.fail(f"Redis at {REDIS_URL}: {error}")
        pytest.skip(f"Redis at {REDIS_URL} is not reachable: {error}")
    yield cache
    cache.clear()


def test_a_write_in_another_process_makes_pages_fresh_through_redis(
    client, redis_cache
):
    article = published("العنوان الأول")
    assert "العنوان الأول" in client.get("/").content.decode()
    Article.objects.filter(pk=article.pk).update(headline="العنوان الثاني")
    assert "العنوان الأول" in client.get("/").content.decode()  # cached in Redis
    # Another app process: its own connection to the same Redis.
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": "newsroom-tests"})
    monkeypatched = freshness.cache
    try:
        freshness.cache = other
        freshness.bump()
    finally:
        freshness.cache = monkeypatched
    assert "العنوان الثاني" in client.get("/").content.decode()
