"""What search engines and link previews read on an article page."""

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Image
from articles.tests.factories import make_article, make_caption, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def doha_time():
    """Dates are shown in the site's time zone: pin it (UTC+3, no summer time)."""
    with timezone.override(ZoneInfo("Asia/Qatar")):
        yield


class Head(HTMLParser):
    """Collects <title>, <meta>, <link> and JSON-LD scripts of a page."""

    def __init__(self, html):
        super().__init__()
        self.title, self.meta, self.links, self.jsonld = "", {}, [], []
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "title" or (
            tag == "script" and attrs.get("type") == "application/ld+json"
        ):
            self._in = tag
            if tag == "script":
                self.jsonld.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.jsonld[-1] += data


@pytest.fixture
def article(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reuters = make_source(name="رويترز", url="https://www.reuters.com")
    agencies = make_source(name="وكالات")
    article = make_article(
        headline="رئيس الأركان الليبي المعين يزور مصر مجددا",
        status="published",
        published_at=datetime(2026, 11, 25, 7, 0, tzinfo=UTC),
        body="في زيارة هي الثانية خلال أسبوع، وصل القاهرة الأربعاء رئيس الأركان.\n\n"
        "[[صورة 1]]\n\nفقرة ثانية.",
        sources=[agencies],
    )
    Article.objects.filter(pk=article.pk).update(
        revised_at=datetime(2026, 11, 25, 9, 15, tzinfo=UTC)
    )
    image = Image(alt_text="قطعة من جناح الطائرة")
    buffer = ContentFile(b"", name="p.jpg")
    PILImage.new("RGB", (800, 600)).save(buffer.file, "JPEG")
    image.file.save("p.jpg", ContentFile(buffer.file.getvalue()), save=False)
    image.save()
    make_caption(
        article, 1, text="قطعة من جناح الطائرة سوخوي", image=image, credit=reuters
    )
    make_caption(article, 2, text="صورة لم تصل بعد")
    return Article.objects.get(pk=article.pk)


def head_of(client, article):
    return Head(client.get(article.get_absolute_url()).content.decode())


def test_title_description_and_canonical(client, article):
    head = head_of(client, article)
    assert head.title == "رئيس الأركان الليبي المعين يزور مصر مجددا | نيوزروم"
    assert head.meta["description"] == (
        "في زيارة هي الثانية خلال أسبوع، وصل القاهرة الأربعاء رئيس الأركان."
    )
    canonical = [link["href"] for link in head.links if link["rel"] == "canonical"]
    assert canonical == ["http://testserver" + article.get_absolute_url()]


def test_standfirst_is_the_description_when_there_is_one(client, article):
    article.standfirst = "ملخص الخبر"
    article.save()
    assert head_of(client, article).meta["description"] == "ملخص الخبر"


def test_opengraph(client, article):
    meta = head_of(client, article).meta
    assert meta["og:type"] == "article"
    assert meta["og:title"] == article.headline
    assert meta["og:url"] == "http://testserver" + article.get_absolute_url()
    assert meta["og:locale"] == "ar_AR"
    assert meta["og:image"].startswith("http://testserver/media/images/")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("800", "600")
    assert meta["article:published_time"] == "2026-11-25T10:00:00+03:00"
    assert meta["article:modified_time"] == "2026-11-25T12:15:00+03:00"
    assert meta["twitter:card"] == "summary_large_image"


def test_news_article_structured_data(client, article):
    (payload,) = head_of(client, article).jsonld
    data = json.loads(payload)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["inLanguage"] == "ar"
    assert data["datePublished"] == "2026-11-25T10:00:00+03:00"
    assert data["dateModified"] == "2026-11-25T12:15:00+03:00"
    assert datetime.fromisoformat(data["datePublished"]).tzinfo is not None
    assert data["mainEntityOfPage"] == "http://testserver" + article.get_absolute_url()
    # Only photos that exist are listed, with their credit.
    (image,) = data["image"]
    assert image["@type"] == "ImageObject"
    assert image["url"].startswith("http://testserver/media/images/")
    assert (image["width"], image["height"]) == (800, 600)
    assert image["creditText"] == "رويترز"
    assert image["caption"] == "قطعة من جناح الطائرة سوخوي"
    assert data["author"] == [{"@type": "Organization", "name": "وكالات"}]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "نيوزروم",
        "url": "http://testserver/",
        "logo": {
            "@type": "ImageObject",
            "url": "http://testserver/static/img/logo.png",
            "width": 512,
            "height": 512,
        },
    }


def test_structured_data_cannot_be_broken_out_of(client, article):
    headline = '</script><script>alert("x")</script><!-- & -->'
    Article.objects.filter(pk=article.pk).update(headline=headline)
    html = client.get(article.get_absolute_url()).content.decode()
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert len(scripts) == 1  # the JSON-LD element, nothing injected
    assert "</script" not in scripts[0] and "<!--" not in scripts[0]
    assert json.loads(scripts[0])["headline"] == headline


def test_article_without_sources_is_authored_by_the_site(client, article):
    article.sources.clear()
    (payload,) = head_of(client, article).jsonld
    assert json.loads(payload)["author"] == [
        {
            "@type": "Organization",
            "name": "نيوزروم",
            "url": "http://testserver/",
            "logo": {
                "@type": "ImageObject",
                "url": "http://testserver/static/img/logo.png",
                "width": 512,
                "height": 512,
            },
        }
    ]


def test_feeds_are_advertised_in_the_head(client, article):
    links = head_of(client, article).links
    alternates = {
        link["type"]: link["href"] for link in links if link["rel"] == "alternate"
    }
    assert alternates == {
        "application/rss+xml": "/feeds/rss/",
        "application/atom+xml": "/feeds/atom/",
    }


def test_list_pages_have_title_description_and_canonical(client, article):
    head = Head(client.get("/").content.decode())
    assert head.title == "نيوزروم"
    assert head.meta["description"]
    assert any(
        link["rel"] == "canonical" and link["href"] == "http://testserver/"
        for link in head.links
    )
