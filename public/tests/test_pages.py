"""What the public pages derive from an article (``public/pages.py``): its summary,
whether it was updated, and its related stories."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article
from articles.tests.factories import (
    make_article,
    make_caption,
    make_section,
    make_tag,
)
from articles.tests.html import elements
from public import freshness
from public.tests.test_views import published

pytestmark = pytest.mark.django_db


def test_home_lead_uses_first_paragraph_without_standfirst(client):
    published(body="الفقرة الأولى من الخبر.\n\nالفقرة الثانية.")
    lead_html = re.search(
        r'<article class="lead-story".*?</article>',
        client.get("/").content.decode(),
        re.S,
    )[0]
    assert "الفقرة الأولى من الخبر." in lead_html
    assert "الفقرة الثانية." not in lead_html


def test_update_is_shown_only_when_edited_after_publication(client):
    when = datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
    article = published(published_at=when)
    # Saved with the publication itself: not an update.
    Article.objects.filter(pk=article.pk).update(revised_at=when + timedelta(seconds=5))
    assert "آخر تحديث" not in client.get(article.get_absolute_url()).content.decode()
    Article.objects.filter(pk=article.pk).update(revised_at=when + timedelta(hours=3))
    freshness.bump()  # update() writes behind the page cache's back
    found = elements(client.get(article.get_absolute_url()))
    at = next(n for n, e in enumerate(found) if (e.tag, e.text) == ("dt", "آخر تحديث"))
    dd, time = found[at + 1 : at + 3]
    assert (dd.tag, time.tag) == ("dd", "time")
    assert time.attrs == {"datetime": "2026-11-28T14:30:00+03:00"}
    assert dd.text == time.text == "السبت 28 نوفمبر/تشرين الثاني 2026، 14:30"


def test_related_stories_share_tags_then_the_section_newest_first(client):
    libya, egypt, other = (make_tag(n) for n in ("ليبيا", "مصر", "أخرى"))
    politics = make_section("شؤون عربية")
    article = published("الخبر", tags=[libya, egypt], section=politics)
    both = published("يشترك في الوسمين", hours_ago=10, tags=[libya, egypt])
    recent = published("يشترك في وسم حديث", hours_ago=2, tags=[egypt])
    section = published("من القسم نفسه", hours_ago=1, section=politics)
    published("وسم آخر", tags=[other], sources=article.sources.all())
    make_article(headline="مسودة عن ليبيا", tags=[libya])
    html = client.get(article.get_absolute_url()).content.decode()
    related = re.search(r'<aside class="related".*?</aside>', html, re.S)[0]
    titles = re.findall(r'<h3 class="card__title"><a [^>]*>([^<]+)</a>', related)
    assert titles == [both.headline, recent.headline, section.headline]


def test_an_archive_piece_imported_today_is_not_updated_today(client, desk_sources):
    from articles.tests.factories import chief
    from ingest.services import article_import

    trec = (
        "<DOC>\n<DOCNO>ANT-1</DOCNO>\n<SRC>bbc</SRC>\n<TITLE>خبر من الأرشيف</TITLE>\n"
        "<TIME>2018-04-22 23:43:19 +0000</TIME>\n"
        "<TEXT>\nفقرة أولى من خبر قديم في الأرشيف.\nفقرة ثانية منه.\n</TEXT>\n</DOC>\n"
    )
    result = article_import(
        trec.encode(), filename="old.txt", user=chief("boss"), publish=True
    )
    article = Article.objects.get(pk=result.article.pk)
    assert article.status == "published", result.message
    assert article.published_at == datetime(2018, 4, 22, 23, 43, 19, tzinfo=UTC)

    response = client.get(article.get_absolute_url())
    assert not elements(response, "dt", text="آخر تحديث")
    (modified,) = elements(response, "meta", property="article:modified_time")
    assert modified.attrs["content"] == "2018-04-23T02:43:19+03:00"


def test_an_editors_change_to_a_live_article_is_an_update(client):
    from articles.services import article_update
    from articles.tests.factories import editor

    article = published(hours_ago=3)
    article.headline = "عنوان مصحح"
    article_update(article, by=editor("amal"), expected_version=article.version)

    response = client.get(Article.objects.get().get_absolute_url())
    assert elements(response, "dt", text="آخر تحديث")


def related_titles(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    related = re.search(r'<aside class="related".*?</aside>', html, re.S)
    return (
        re.findall(r'<h3 class="card__title"><a [^>]*>([^<]+)</a>', related[0])
        if related
        else []
    )


def test_related_stories_are_ranked_once_and_follow_every_change(client, monkeypatch):
    """The ranking is kept for the site's generation: a second rendering (here for
    staff, past the page cache) looks the cards up by id; a story published since,
    or one taken off the site, shows at once."""
    libya = make_tag("ليبيا")
    article = published("الخبر", tags=[libya])
    older = published("خبر أقدم", hours_ago=5, tags=[libya])
    client.cookies["sessionid"] = "staff-like"  # past the page cache
    assert related_titles(client, article) == [older.headline]
    queryset = type(Article.objects.all())
    rank, ranked = queryset.related_to, []

    def counted(self, *args, **kwargs):
        ranked.append(1)
        return rank(self, *args, **kwargs)

    monkeypatch.setattr(queryset, "related_to", counted)
    assert related_titles(client, article) == [older.headline]
    assert ranked == []  # kept from the first rendering
    newer = published("خبر أحدث", hours_ago=0.5, tags=[libya])
    assert related_titles(client, article) == [newer.headline, older.headline]
    older.status = "archived"
    older.save()
    assert related_titles(client, article) == [newer.headline]
    assert len(ranked) == 2


def related_aside(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return re.search(r'<aside class="related".*?</aside>', html, re.S)[0]


def test_known_related_stories_come_with_the_article_in_one_query(
    client, settings, tmp_path, django_assert_num_queries
):
    """Once the generation ranked an article's related stories, its page reads their
    cards in the article's own query: the same cards (lead photo, sources, order),
    and none that is no longer published."""
    from public.tests.test_lead_figure import article_placing_figure_2_first
    from public.tests.test_views import make_photo

    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # every rendering reads the database
    settings.MEDIA_ROOT = tmp_path
    libya = make_tag("ليبيا")
    article = published("الخبر", tags=[libya])
    placed = article_placing_figure_2_first()  # its card shows its second photo
    placed.tags.add(libya)
    photographed = published("خبر بصورة", hours_ago=2, tags=[libya])
    make_caption(photographed, 1, image=make_photo())
    plain = published("خبر بلا صورة", hours_ago=3, tags=[libya])
    plain.sources.add(*article.sources.all())
    freshness.bump()

    ranked = related_aside(client, article)  # ranked, in a query of its own
    assert re.findall(r'class="card__title"><a [^>]*>([^<]+)<', ranked) == [
        placed.headline,
        photographed.headline,
        plain.headline,
    ]
    assert "two" in re.findall(r'class="card__photo" src="([^"]+)"', ranked)[0]
    assert 'width="1200" height="800"' in ranked  # the photo's own size
    with django_assert_num_queries(1):
        assert related_aside(client, article) == ranked

    # Changed behind the generation's back: the card is gone all the same.
    Article.objects.filter(pk=photographed.pk).update(status="draft")
    with django_assert_num_queries(1):
        titles = re.findall(
            r'class="card__title"><a [^>]*>([^<]+)<', related_aside(client, article)
        )
    assert titles == [placed.headline, plain.headline]


def test_the_article_page_query_is_short_enough_for_psycopg_to_remember(
    client, settings
):
    """psycopg converts a query's placeholders on every run unless the query is at
    most MAX_CACHED_STATEMENT_LENGTH bytes long (its conversion is then kept)."""
    from psycopg._queries import MAX_CACHED_STATEMENT_LENGTH

    from public.pages import ARTICLE_PAGE_WITH_CARDS

    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    libya = make_tag("ليبيا")
    article = published("الخبر", tags=[libya])
    for n in range(4):
        published(f"خبر {n}", hours_ago=n + 2, tags=[libya])
    related_titles(client, article)  # ranks them
    assert len(related_titles(client, article)) == 4  # with the article
    plans = [plan for plan in ARTICLE_PAGE_WITH_CARDS._plans.values() if plan]
    assert plans
    assert all(len(plan.sql.encode()) <= MAX_CACHED_STATEMENT_LENGTH for plan in plans)
