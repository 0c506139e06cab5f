import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.tests.factories import make_article, make_source
from articles.tests.html import elements

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def published(headline, hours_ago=1, **fields):
    return make_article(
        headline=headline,
        status="published",
        published_at=timezone.now() - timedelta(hours=hours_ago),
        **fields,
    )


def xml(content):
    return ET.fromstring(content)  # noqa: S314 (our own output)


def rss_items(response):
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = xml(response.content).find("channel")
    return channel, channel.findall("item")


def test_rss_lists_latest_published_articles_in_arabic(client):
    reuters = make_source(name="رويترز")
    article = published(
        'الرئيس "يستقبل" <وفدا> & يصرح', sources=[reuters], standfirst="ملخص & تفاصيل"
    )
    published("خبر أقدم", hours_ago=5)
    make_article(headline="مسودة")
    make_article(
        headline="مجدول",
        status="published",
        published_at=timezone.now() + timedelta(hours=2),
    )
    channel, items = rss_items(client.get("/feeds/rss/"))
    assert channel.findtext("language") == "ar"
    assert channel.findtext("title") == "نيوزروم"
    assert [item.findtext("title") for item in items] == [
        'الرئيس "يستقبل" <وفدا> & يصرح',
        "خبر أقدم",
    ]
    first = items[0]
    assert first.findtext("link") == "http://testserver" + article.get_absolute_url()
    assert first.findtext("description") == "ملخص &amp; تفاصيل"
    assert first.findtext("category") == "رويترز"
    assert first.find("guid").get("isPermaLink") == "true"


def test_guid_is_stable_when_the_headline_and_slug_change(client):
    article = published("العنوان الأول")
    _, items = rss_items(client.get("/feeds/rss/"))
    guid = items[0].findtext("guid")
    Article.objects.filter(pk=article.pk).update(
        headline="عنوان جديد", slug="عنوان-جديد"
    )
    _, items = rss_items(client.get("/feeds/rss/"))
    assert (
        items[0].findtext("guid") == guid == f"http://testserver/articles/{article.pk}/"
    )
    # The guid is a real address: it leads to the article.
    assert client.get(guid).status_code == 301


def test_atom_feed_is_valid_and_arabic(client):
    article = published("خبر في أتوم")
    response = client.get("/feeds/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = xml(response.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "خبر في أتوم"
    assert entry.findtext(f"{ATOM}id") == f"http://testserver/articles/{article.pk}/"
    assert entry.findtext(f"{ATOM}updated")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/feeds/atom/")


def test_source_feeds_list_only_that_source(client):
    reuters, afp = make_source(name="رويترز"), make_source(name="الفرنسية")
    published("خبر رويترز", sources=[reuters])
    published("خبر الفرنسية", sources=[afp])
    channel, items = rss_items(client.get(f"/sources/{reuters.slug}/rss/"))
    assert channel.findtext("language") == "ar"
    assert [item.findtext("title") for item in items] == ["خبر رويترز"]
    atom = xml(client.get(f"/sources/{reuters.slug}/atom/").content)
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == [
        "خبر رويترز"
    ]
    assert client.get("/sources/لا-يوجد/rss/").status_code == 404


def test_pages_advertise_their_feeds(client):
    source = make_source(name="رويترز")
    html = client.get("/").content.decode()
    assert elements(html, "link", rel="alternate", type="application/rss+xml")
    assert elements(html, "link", href="/feeds/atom/")
    html = client.get(source.get_absolute_url()).content.decode()
    assert elements(
        html, "link", href=reverse("articles:source-rss", args=[source.slug])
    )


def test_feeds_are_cacheable_and_answer_conditional_requests(client):
    published("خبر")
    response = client.get("/feeds/rss/")
    assert "public" in response["Cache-Control"]
    assert (
        client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code
        == 304
    )
    assert (
        client.get(
            "/feeds/rss/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
        ).status_code
        == 304
    )


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/", "SOURCE"])
def test_feed_query_count_is_fixed(client, django_assert_num_queries, url):
    for size in (1, 5):
        Article.objects.all().delete()
        sources = [make_source() for _ in range(size)]
        for n in range(size * 3):
            published(f"خبر {n}", hours_ago=n + 1, sources=sources)
        target = f"/sources/{sources[0].slug}/rss/" if url == "SOURCE" else url
        # (source,) articles with their lead photo and sources
        with django_assert_num_queries(2 if url == "SOURCE" else 1):
            client.get(target)


def test_feeds_carry_the_lead_photo_as_an_enclosure(client, settings, tmp_path):
    from articles.tests.factories import make_caption
    from public.tests.test_views import make_photo

    settings.MEDIA_ROOT = tmp_path
    with_photo = published("خبر مصور")
    make_caption(with_photo, image=make_photo(alt_text="صورة"))
    published("خبر بلا صورة", hours_ago=2)
    _channel, items = rss_items(client.get("/feeds/rss/"))
    enclosures = [item.find("enclosure") for item in items]
    assert enclosures[1] is None
    assert enclosures[0].get("type") == "image/jpeg"
    assert enclosures[0].get("url").startswith("http://testserver/media/images/")
    entries = xml(client.get("/feeds/atom/").content).findall(f"{ATOM}entry")
    links = entries[0].findall(f"{ATOM}link[@rel='enclosure']")
    assert [link.get("type") for link in links] == ["image/jpeg"]
