"""The breaking-news line: on every public page until it expires or is taken down;
only editors and the chief write it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import BreakingNews
from articles.tests.factories import chief, editor, make_article, reporter
from articles.tests.html import elements
from public import freshness, navigation

pytestmark = pytest.mark.django_db


def line(text="عاجل: زلزال بقوة 6 درجات", **fields):
    fields.setdefault("expires_at", timezone.now() + timedelta(hours=1))
    return BreakingNews.objects.create(text=text, **fields)


def banner(client, url="/"):
    return elements(client.get(url).content.decode(), "aside", class_="breaking")


def test_the_line_is_on_every_public_page_with_its_link(client):
    article = make_article(status="published")
    line(url="https://example.com/news")
    for url in ("/", article.get_absolute_url(), "/archive/", "/search/"):
        (aside,) = banner(client, url)
        assert "زلزال بقوة 6 درجات" in aside.text
    html = client.get("/").content.decode()
    assert elements(html, "a", href="https://example.com/news")


def test_an_expired_or_future_line_is_not_shown(client):
    now = timezone.now()
    line(starts_at=now - timedelta(hours=2), expires_at=now - timedelta(hours=1))
    line(starts_at=now + timedelta(hours=1), expires_at=now + timedelta(hours=2))
    assert banner(client) == []


def test_a_line_leaves_the_pages_when_it_expires(client, monkeypatch):
    now = timezone.now()
    shown = line(expires_at=now + timedelta(minutes=5))
    assert banner(client)
    # Its expiry is the next change of the public pages: no job needed.
    assert freshness.current().next_due == pytest.approx(shown.expires_at.timestamp())
    later = now.timestamp() + 600
    monkeypatch.setattr("time.time", lambda: later)
    assert navigation.breaking_news() is None


def test_taking_a_line_down_removes_it_at_once(client):
    client.force_login(editor())
    shown = line()
    client.logout()
    assert banner(client)
    client.force_login(editor("amal"))
    client.post(
        "/admin/articles/breakingnews/",
        {"action": "take_down", "_selected_action": [shown.pk]},
    )
    client.logout()
    assert banner(client) == []
    shown.refresh_from_db()
    assert shown.expires_at <= timezone.now()


@pytest.mark.parametrize(
    ("role", "allowed"), [("reporter", False), ("editor", True), ("chief", True)]
)
def test_only_editors_and_the_chief_write_the_line(client, role, allowed):
    client.force_login({"reporter": reporter, "editor": editor, "chief": chief}[role]())
    response = client.get("/admin/articles/breakingnews/add/")
    assert (response.status_code == 200) == allowed
    now = timezone.localtime()
    later = now + timedelta(hours=1)
    client.post(
        "/admin/articles/breakingnews/add/",
        {
            "text": "عاجل",
            "url": "",
            "starts_at_0": now.strftime("%Y-%m-%d"),
            "starts_at_1": now.strftime("%H:%M:%S"),
            "expires_at_0": later.strftime("%Y-%m-%d"),
            "expires_at_1": later.strftime("%H:%M:%S"),
        },
    )
    assert BreakingNews.objects.exists() == allowed
