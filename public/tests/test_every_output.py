"""Everywhere means everywhere: every public output (pages, search, feeds, sitemaps,
JSON-LD) shows a live article and its correction, and none shows an article that is
scheduled, a draft, in review, unpublished, archived or withdrawn, nor their
corrections. The staff's previews and exports need signing in; they show any article
on purpose, the correction included."""

import json
from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from articles.services import (
    article_archive,
    article_unpublish,
    article_withdraw,
    correction_add,
)
from articles.tests.factories import chief, editor, make_article, make_source
from public.tests.test_seo import Head

pytestmark = pytest.mark.django_db

WORD = "زلزال"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def newsroom():
    """One live article with a correction, and one article in each hidden state,
    all from the same source and all matching the same search word."""
    source = make_source(name="رويترز")
    hour_ago = timezone.now() - timedelta(hours=1)

    def article(label, **fields):
        return make_article(
            headline=f"{WORD} {label}",
            sources=[source],
            published_at=fields.pop("published_at", hour_ago),
            **fields,
        )

    live = article("في الخبر الحي", status=Article.Status.PUBLISHED)
    hidden = {
        "scheduled": article(
            "في الخبر المجدول",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() + timedelta(hours=3),
        ),
        "draft": article("في المسودة", status=Article.Status.DRAFT),
        "review": article("في المراجعة", status=Article.Status.REVIEW),
        "unpublished": article("في الخبر الملغى", status=Article.Status.PUBLISHED),
        "archived": article("في الخبر المؤرشف", status=Article.Status.PUBLISHED),
        "withdrawn": article("في الخبر المسحوب", status=Article.Status.PUBLISHED),
    }
    desk, boss = editor(), chief()
    for name, hidden_article in hidden.items():
        Correction.objects.create(
            article=hidden_article,
            text=f"تصحيح لا يظهر {name}",
            published_at=timezone.now(),
        )
    article_unpublish(hidden["unpublished"], by=desk)
    article_archive(hidden["archived"], by=desk)
    article_withdraw(hidden["withdrawn"], by=boss, reason="حكم قضائي")
    correction = correction_add(
        live,
        by=desk,
        kind=Correction.Kind.CORRECTION,
        text="الصحيح أن الزلزال وقع فجرًا",
    )
    correction.refresh_from_db()
    live.refresh_from_db()
    return live, correction, hidden, source


def public_outputs(live, source):
    """Every public address that may list or show articles."""
    return {
        "home": "/",
        "archive": "/archive/",
        "archive-by-source": f"/archive/?source={source.slug}",
        "source": source.get_absolute_url(),
        "search": f"/search/?q={WORD}",
        "article-and-related": live.get_absolute_url(),
        "corrections": "/corrections/",
        "rss": "/feeds/rss/",
        "atom": "/feeds/atom/",
        "source-rss": reverse("articles:source-rss", kwargs={"slug": source.slug}),
        "source-atom": reverse("articles:source-atom", kwargs={"slug": source.slug}),
        "corrections-rss": "/corrections/rss/",
        "sitemap-index": "/sitemap.xml",
        "sitemap-articles": "/sitemap-articles.xml",
        "sitemap-news": "/sitemap-news.xml",
        "sitemap-sources": "/sitemap-sources.xml",
    }


def address(article):
    """What every output names an article by (pages and feeds alike)."""
    return f"/articles/{article.pk}/"


def test_no_hidden_article_appears_in_any_public_output(client, newsroom):
    live, _correction, hidden, source = newsroom
    for name, url in public_outputs(live, source).items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = response.content.decode()
        for state, article in hidden.items():
            assert address(article) not in text, (name, state)
            assert article.headline not in text, (name, state)
            assert f"تصحيح لا يظهر {state}" not in text, (name, state)


def test_the_live_article_appears_in_every_output_that_lists_it(client, newsroom):
    live, _correction, _hidden, source = newsroom
    lists = set(public_outputs(live, source)) - {"sitemap-index", "sitemap-sources"}
    for name in lists:
        text = client.get(public_outputs(live, source)[name]).content.decode()
        assert address(live) in text, name


def test_hidden_articles_own_pages_say_404_or_410(client, newsroom):
    _live, _correction, hidden, _source = newsroom
    for state, article in hidden.items():
        expected = 410 if state == "withdrawn" else 404
        for url in (article.get_absolute_url(), address(article)):
            assert client.get(url).status_code == expected, (state, url)


def test_the_correction_appears_wherever_the_article_is_shown(client, newsroom):
    live, correction, _hidden, _source = newsroom
    stamp = timezone.localtime(correction.published_at).isoformat()

    page = client.get(live.get_absolute_url()).content.decode()
    assert correction.text in page
    (payload,) = Head(page).jsonld
    data = json.loads(payload)
    assert data["correction"][0]["text"] == correction.text
    assert data["dateModified"] == stamp

    for url in ("/corrections/", "/corrections/rss/"):
        assert correction.text in client.get(url).content.decode(), url

    # Lists show the article's card: their dates move with the correction.
    atom = ET.fromstring(client.get("/feeds/atom/").content)  # noqa: S314 (our own)
    (entry,) = [
        e for e in atom.iter(f"{ATOM}entry") if address(live) in e.findtext(f"{ATOM}id")
    ]
    updated = datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert updated == correction.published_at
    sitemap = ET.fromstring(client.get("/sitemap-articles.xml").content)  # noqa: S314
    (url,) = [
        u
        for u in sitemap.iter(f"{SITEMAP}url")
        if address(live) in u.findtext(f"{SITEMAP}loc")
    ]
    lastmod = datetime.fromisoformat(url.findtext(f"{SITEMAP}lastmod"))
    assert lastmod == correction.published_at


def test_staff_previews_are_for_staff_only_and_show_the_correction(client, newsroom):
    live, correction, hidden, _source = newsroom
    for article in [live, *hidden.values()]:
        url = reverse("admin:articles_article_preview", args=[article.pk])
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert article.headline not in response.content.decode()
    client.force_login(editor("amal"))
    preview = client.get(reverse("admin:articles_article_preview", args=[live.pk]))
    assert correction.text in preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex, nofollow"


def test_the_staff_export_carries_the_correction(client, newsroom):
    live, correction, _hidden, _source = newsroom
    changelist = reverse("admin:articles_article_changelist")
    data = {"action": "download_as_export", "_selected_action": [live.pk]}
    assert client.post(changelist, data).status_code == 302  # anonymous: sign in
    client.force_login(editor("amal"))
    exported = json.loads(client.post(changelist, data).content)
    assert exported["headline"] == live.headline
    assert exported["corrections"][0]["text"] == correction.text
