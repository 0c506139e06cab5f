"""Corrections and takedowns as readers and machines see them: the notes under the
headline, the /corrections/ page and its feed, the JSON-LD, the 410 of a withdrawn
article, and caches that follow each change at once."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.models import Correction
from articles.services import (
    article_reinstate,
    article_unpublish,
    article_withdraw,
    correction_add,
)
from articles.tests.factories import chief, editor, make_source, reporter
from articles.tests.html import elements
from public import freshness
from public.tests.test_seo import Head
from public.tests.test_views import published
from public.views import LIST_PAGE_SIZE

pytestmark = pytest.mark.django_db
Kind = Correction.Kind


@pytest.fixture(autouse=True)
def doha_time():
    with timezone.override(ZoneInfo("Asia/Qatar")):
        yield


def note(article, kind, text, at):
    return Correction.objects.create(
        article=article, kind=kind, text=text, published_at=at
    )


def test_notes_are_shown_under_the_headline_newest_first_with_date_and_time(client):
    article = published(hours_ago=5)
    at = timezone.now().replace(microsecond=0) - timedelta(hours=2)
    older = note(article, Kind.CORRECTION, "الصحيح أنها الزيارة الثانية", at)
    newer = note(
        article, Kind.CLARIFICATION, "توضيح عن الموعد", at + timedelta(hours=1)
    )
    Correction.objects.create(article=article, kind=Kind.CORRECTION, text="مقترح")
    html = client.get(article.get_absolute_url()).content.decode()
    header = html.split('<header class="article__header">', 1)[1].split("</header>")[0]
    items = elements(header, "li", class_="correction")
    ids = [f"correction-{newer.pk}", f"correction-{older.pk}"]
    assert [item.attrs["id"] for item in items] == ids
    assert items[0].text.startswith("توضيح")
    assert items[1].text.startswith("تصحيح")
    assert "الصحيح أنها الزيارة الثانية" in items[1].text
    local = timezone.localtime(older.published_at).isoformat()
    assert elements(header, "time", datetime=local)
    assert "مقترح" not in html  # a proposal waits for an editor


def test_a_correction_moves_last_updated_datemodified_and_the_cache_at_once(client):
    article = published(hours_ago=5)
    first = client.get(article.get_absolute_url())
    assert "آخر تحديث" not in first.content.decode()
    correction = correction_add(
        article, by=editor(), kind=Kind.CORRECTION, text="الصحيح أنها الثانية"
    )
    second = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    html = second.content.decode()
    assert "الصحيح أنها الثانية" in html
    assert "آخر تحديث" in html
    (payload,) = Head(html).jsonld
    data = json.loads(payload)
    correction.refresh_from_db()
    stamp = timezone.localtime(correction.published_at).isoformat()
    assert data["dateModified"] == stamp
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "الصحيح أنها الثانية",
            "datePublished": stamp,
        }
    ]


def test_update_notes_are_shown_but_are_no_correction_in_the_jsonld(client):
    article = published()
    note(article, Kind.UPDATE, "أضيفت تصريحات", timezone.now())
    html = client.get(article.get_absolute_url()).content.decode()
    assert "أضيفت تصريحات" in html
    (payload,) = Head(html).jsonld
    assert "correction" not in json.loads(payload)


def test_the_corrections_page_lists_published_corrections_newest_first(client):
    source = make_source()
    now = timezone.now()
    live = published("خبر حي", sources=[source])
    gone = published("خبر سحب", sources=[source])
    notes = [
        note(live, Kind.CORRECTION, f"تصحيح {n}", now - timedelta(minutes=n))
        for n in range(LIST_PAGE_SIZE + 1)
    ]
    note(live, Kind.UPDATE, "ملاحظة تحديث", now)
    Correction.objects.create(article=live, kind=Kind.CORRECTION, text="مقترح")
    note(gone, Kind.CORRECTION, "تصحيح خبر مسحوب", now)
    article_withdraw(gone, by=chief(), reason="سبب")

    first = client.get("/corrections/").content.decode()
    shown = elements(first, "li", class_="correction")
    assert [item.attrs["id"] for item in shown] == [
        f"correction-{c.pk}" for c in notes[:LIST_PAGE_SIZE]
    ]
    assert elements(first, href="/corrections/rss/")
    last = client.get("/corrections/?page=2").content.decode()
    assert elements(last, id=f"correction-{notes[-1].pk}")
    for absent in ("ملاحظة تحديث", "مقترح", "خبر سحب"):
        assert absent not in first + last
    assert live.get_absolute_url() in first


def test_the_corrections_feed(client):
    article = published("خبر حي")
    correction = note(article, Kind.CLARIFICATION, "توضيح <مهم>", timezone.now())
    response = client.get("/corrections/rss/")
    assert response.status_code == 200
    (item,) = ET.fromstring(response.content).iter("item")  # noqa: S314 (our own)
    assert item.findtext("title") == "توضيح: خبر حي"
    assert item.findtext("description") == "توضيح &lt;مهم&gt;"
    assert item.findtext("link") == "http://testserver" + article.get_absolute_url()
    assert item.findtext("guid").endswith(f"/corrections/#correction-{correction.pk}")


# 410 Gone and 404 ----------------------------------------------------------------


def test_a_withdrawn_article_answers_410_with_a_short_notice(client):
    article = published("عنوان يجب ألا يظهر", standfirst="ملخص لا يظهر")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    article_withdraw(article, by=chief(), reason="حكم قضائي")
    for address in (url, f"/articles/{article.pk}/", f"/articles/{article.pk}/x/"):
        response = client.get(address)
        assert response.status_code == 410, address
        html = response.content.decode()
        assert elements(html, "h1", text="سُحب هذا الخبر")
        for hidden in ("عنوان يجب ألا يظهر", "ملخص لا يظهر", "حكم قضائي"):
            assert hidden not in html
        assert elements(html, "meta", name="robots", content="noindex")


def test_restored_by_the_chief_it_answers_200_again_at_once(client):
    article = published()
    url = article.get_absolute_url()
    boss = chief()
    article_withdraw(article, by=boss, reason="سبب")
    assert client.get(url).status_code == 410  # and cached
    article_reinstate(article, by=boss)
    assert client.get(url).status_code == 200


def test_an_unpublished_article_answers_404(client):
    article = published()
    article_unpublish(article, by=editor())
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_takedown_bans_the_pages_from_varnish(
    monkeypatch, django_capture_on_commit_callbacks
):
    bans = []
    monkeypatch.setattr(freshness, "ban_public_pages", lambda: bans.append(1))
    article = published()
    with django_capture_on_commit_callbacks(execute=True):
        article_withdraw(article, by=chief(), reason="سبب")
    assert bans


def test_reporters_correction_is_not_public_until_published(client):
    article = published()
    correction_add(article, by=reporter(), kind=Kind.CORRECTION, text="نص مقترح")
    assert "نص مقترح" not in client.get(article.get_absolute_url()).content.decode()
    assert "نص مقترح" not in client.get("/corrections/").content.decode()
