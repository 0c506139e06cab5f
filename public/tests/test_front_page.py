"""The home page as editors arrange it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services.front_page import front_page_arrange
from articles.tests.factories import editor, make_article, make_section
from public import freshness, navigation

pytestmark = pytest.mark.django_db


def story(headline, hours_ago):
    return make_article(
        headline=headline,
        status="published",
        published_at=timezone.now() - timedelta(hours=hours_ago),
    )


def headlines(client):
    html = client.get("/").content.decode()
    return re.findall(
        r'<h[23][^>]*class="[^"]*__title"[^>]*><a [^>]*>([^<]+)</a>', html
    )


def test_the_home_page_opens_on_the_arranged_lead_and_top_stories(client):
    stories = [story(f"خبر {n}", n + 1) for n in range(5)]
    assert headlines(client)[:2] == ["خبر 0", "خبر 1"]
    front_page_arrange([stories[3], stories[4]], by=editor())
    assert headlines(client)[:4] == ["خبر 3", "خبر 4", "خبر 0", "خبر 1"]


def test_arranging_makes_the_public_pages_fresh():
    lead = story("خبر", 1)
    before = freshness.current().generation
    front_page_arrange([lead], by=editor())
    assert freshness.current().generation > before


def test_an_arrangement_for_later_is_the_next_due_change():
    lead = story("خبر", 1)
    later = timezone.now() + timedelta(minutes=30)
    front_page_arrange([lead], by=editor(), goes_live_at=later)
    assert freshness.current().next_due == pytest.approx(later.timestamp())


def test_an_arranged_home_page_takes_no_more_queries(client, django_assert_num_queries):
    stories = [story(f"خبر {n}", n + 1) for n in range(6)]
    front_page_arrange(stories[3:], by=editor())
    navigation.main_sections()
    # articles (arranged, then the newest) with their lead photos and sources, the
    # sections' newest (the same), the lead's figures; the sources list
    with django_assert_num_queries(4):
        assert client.get("/").status_code == 200
    assert Article.objects.count() == 6


def test_the_home_page_describes_the_site_for_search_engines_and_previews(client):
    import json

    from articles.tests.html import elements
    from public.tests.test_seo import Head

    html = client.get("/").content.decode()
    assert elements(html, "meta", property="og:image", content=True)
    image = elements(html, "meta", property="og:image")[0].attrs["content"]
    assert image.startswith("http://testserver/static/img/logo") and image.endswith(
        ".png"
    )
    assert elements(html, "meta", property="og:description")
    (graph,) = (json.loads(s) for s in Head(html).jsonld)
    website, organization = graph["@graph"]
    assert website["@type"] == "WebSite" and website["url"] == "http://testserver/"
    assert website["potentialAction"]["target"] == (
        "http://testserver/search/?q={search_term_string}"
    )
    assert organization["@type"] == "Organization"
    assert organization["logo"]["url"] == image


def test_the_home_page_json_ld_reads_as_schema_org_with_extruct(client):
    extruct = pytest.importorskip("extruct")
    html = client.get("/").content.decode()
    data = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])
    (graph,) = data["json-ld"]
    assert {item["@type"] for item in graph["@graph"]} == {"WebSite", "Organization"}


def test_the_home_page_has_a_block_per_section_with_its_newest_stories(
    client, default_sections
):
    from articles.models import Section

    sport, economy = (Section.objects.get(name=n) for n in ("رياضة", "اقتصاد"))
    for n in range(14):  # the newest 13 fill the lead and the latest stories
        story(f"خبر عام {n}", n + 1)
    for n in range(5):
        make_article(
            headline=f"رياضة {n}",
            status="published",
            published_at=timezone.now() - timedelta(days=1, hours=n),
            section=sport,
        )
    make_article(
        headline="اقتصاد 0",
        status="published",
        published_at=timezone.now() - timedelta(days=2),
        section=economy,
    )
    html = client.get("/").content.decode()
    blocks = re.findall(
        r'<section class="latest section-block".*?<a href="([^"]+)">([^<]+)</a></h2>'
        r"(.*?)</section>",
        html,
        re.S,
    )
    assert [(url, name) for url, name, _cards in blocks] == [
        (economy.get_absolute_url(), "اقتصاد"),
        (sport.get_absolute_url(), "رياضة"),
    ]
    titles = re.findall(r'class="card__title"><a [^>]*>([^<]+)</a>', blocks[1][2])
    assert titles == ["رياضة 0", "رياضة 1", "رياضة 2", "رياضة 3"]


def test_the_home_blocks_follow_every_write_when_the_page_is_not_cached(client):
    # A session cookie skips the page cache (as for staff): the blocks' ids, found
    # once per generation of the site, must still follow each write.
    client.cookies["sessionid"] = "not-a-session"
    stories = [story(f"خبر {n}", n + 1) for n in range(4)]
    assert headlines(client)[:2] == ["خبر 0", "خبر 1"]
    story("خبر جديد", 0)
    assert headlines(client)[:2] == ["خبر جديد", "خبر 0"]
    front_page_arrange([stories[3]], by=editor())
    assert headlines(client)[:2] == ["خبر 3", "خبر جديد"]
    stories[3].status = Article.Status.ARCHIVED
    stories[3].save()
    assert "خبر 3" not in headlines(client)


def section_headlines(client, section, query=""):
    html = client.get(section.get_absolute_url() + query).content.decode()
    return re.findall(r'class="[^"]*__title"[^>]*><a [^>]*>([^<]+)</a>', html)


def section_stories(section, prefix, count):
    """``count`` published stories of ``section``, the newest first."""
    return [
        make_article(
            headline=f"{prefix} {n}",
            status="published",
            section=section,
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
        for n in range(count)
    ]


def test_a_section_page_opens_on_its_arranged_front_then_the_newest(client):
    sport, by = make_section("كرة القدم"), editor()
    stories = section_stories(sport, "رياضة", 4)
    elsewhere = story("اقتصاد", 0)
    front_page_arrange([elsewhere], by=by)
    assert section_headlines(client, sport) == [f"رياضة {n}" for n in range(4)]
    front_page_arrange([stories[3], stories[2]], by=by, section=sport)
    assert section_headlines(client, sport) == [
        "رياضة 3",
        "رياضة 2",
        "رياضة 0",
        "رياضة 1",
    ]
    assert headlines(client)[0] == "اقتصاد"  # the home page keeps its own front
    html = client.get(sport.get_absolute_url()).content.decode()
    assert html.count("card--lead") == 1
    assert html.index("card--lead") < html.index("رياضة 3")


def test_a_section_front_for_later_changes_the_section_page_at_its_time(
    client, monkeypatch
):
    sport = make_section("كرة القدم")
    old, _new = (
        make_article(
            headline=h,
            status="published",
            section=sport,
            published_at=timezone.now() - timedelta(hours=hours),
        )
        for h, hours in (("قديم", 5), ("جديد", 1))
    )
    later = timezone.now() + timedelta(minutes=30)
    front_page_arrange([old], by=editor(), section=sport, goes_live_at=later)
    assert freshness.current().next_due == pytest.approx(later.timestamp())
    assert section_headlines(client, sport)[0] == "جديد"
    monkeypatch.setattr(timezone, "now", lambda: later + timedelta(seconds=1))
    monkeypatch.setattr(freshness.time, "time", lambda: later.timestamp() + 1)
    assert section_headlines(client, sport)[0] == "قديم"


def test_a_section_story_moved_out_leaves_its_slot_to_the_newest(client):
    sport, economy = make_section("كرة القدم"), make_section("الطقس")
    a, _b = (make_article(headline=h, status="published", section=sport) for h in "أب")
    front_page_arrange([a], by=editor(), section=sport)
    a.section = economy
    a.save()
    assert section_headlines(client, sport) == ["ب"]


def test_a_section_page_reads_its_front_in_one_query(client, django_assert_num_queries):
    sport = make_section("كرة القدم")
    stories = [
        make_article(headline=f"خبر {n}", status="published", section=sport)
        for n in range(4)
    ]
    front_page_arrange(stories[2:], by=editor(), section=sport)
    navigation.main_sections()
    # the section, its front's stories, the count, the page of the others (cards
    # with their sources)
    with django_assert_num_queries(4):
        assert client.get(sport.get_absolute_url()).status_code == 200


def test_arranging_a_section_front_refreshes_its_cached_page_and_varnish(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    bans = []
    monkeypatch.setattr(freshness, "ban_public_pages", lambda: bans.append(1))
    sport, by = make_section("كرة القدم"), editor()
    old, _new = (
        make_article(
            headline=h,
            status="published",
            section=sport,
            published_at=timezone.now() - timedelta(hours=hours),
        )
        for h, hours in (("قديم", 5), ("جديد", 1))
    )
    first = client.get(sport.get_absolute_url())
    assert client.get(sport.get_absolute_url())["ETag"] == first["ETag"]  # cached
    with django_capture_on_commit_callbacks(execute=True):
        front_page_arrange([old], by=by, section=sport)
    assert bans
    again = client.get(sport.get_absolute_url())
    assert again["ETag"] != first["ETag"]
    assert section_headlines(client, sport)[0] == "قديم"


def test_a_section_front_leads_page_one_and_pages_never_repeat_a_story(client):
    sport = make_section("كرة السلة")
    stories = section_stories(sport, "خبر", 25)
    front_page_arrange([stories[22], stories[7]], by=editor(), section=sport)
    first = section_headlines(client, sport)
    second = section_headlines(client, sport, "?page=2")
    assert first[:3] == ["خبر 22", "خبر 7", "خبر 0"]
    assert len(first) == 20 and len(second) == 5
    assert sorted(first + second) == sorted(f"خبر {n}" for n in range(25))
    assert second[-1] == "خبر 24"
