"""An article with two corrections, as readers see it on a phone and on a desktop:
the notes under the headline, newest first, right to left, inside the page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Correction
from articles.tests.factories import make_article, make_source
from public.tests.browser.test_site import DESKTOP, PHONE, computed

pytestmark = pytest.mark.django_db(transaction=True)

OLDER = "ذكرت نسخة سابقة من هذا الخبر أن الزيارة هي الأولى، والصحيح أنها الثانية."
NEWER = "أوضح مكتب الرئيس أن اللقاء جرى في القاهرة لا في الإسكندرية."


@pytest.fixture
def corrected():
    now = timezone.now()
    article = make_article(
        status=Article.Status.PUBLISHED,
        published_at=now - timedelta(hours=6),
        standfirst="زيارة ثانية خلال أسبوع.",
        sources=[make_source(name="رويترز")],
    )
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CORRECTION,
        text=OLDER,
        published_at=now - timedelta(hours=3),
    )
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CLARIFICATION,
        text=NEWER,
        published_at=now - timedelta(hours=1),
    )
    Article.objects.filter(pk=article.pk).update(revised_at=now - timedelta(hours=1))
    return article


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_an_article_with_two_corrections(
    open_page, live_server, corrected, screenshot, size, viewport
):
    errors = []
    page = open_page(viewport, errors)
    page.goto(live_server.url + corrected.get_absolute_url())

    notes = page.locator(".article__header .correction")
    assert notes.count() == 2
    assert NEWER in notes.nth(0).inner_text()
    assert OLDER in notes.nth(1).inner_text()
    assert notes.nth(0).locator(".correction__kind").inner_text() == "توضيح"
    assert notes.nth(1).locator(".correction__kind").inner_text() == "تصحيح"
    assert page.get_by_text("آخر تحديث").is_visible()

    # Under the headline and above the text, right to left, inside the screen.
    headline = page.locator("h1").bounding_box()
    box = page.locator(".corrections").bounding_box()
    body = page.locator(".article__body").bounding_box()
    assert headline["y"] + headline["height"] <= box["y"]
    assert box["y"] + box["height"] <= body["y"]
    assert computed(page, ".corrections", "direction") == "rtl"
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    # The accent rule stands on the start side: the right, in Arabic.
    assert computed(page, ".corrections", "border-right-width") == "4px"
    assert computed(page, ".corrections", "border-left-width") == "0px"
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    screenshot(page, f"article-two-corrections-{size}")
    assert errors == []
