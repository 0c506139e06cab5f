"""What only a browser shows: direction, fonts, visible credits, the archive filter,
and screenshots at phone and desktop sizes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Source

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

LOADED_FONTS = """
() => document.fonts.ready.then(() =>
  [...document.fonts].filter(f => f.status === "loaded").map(f => f.family))
"""


# Where the first and the sixth letter of an element's text are drawn.
FIRST_AND_LAST = """
el => {
  const text = el.firstChild, range = document.createRange();
  range.setStart(text, 0); range.setEnd(text, 1);
  const first = range.getBoundingClientRect().toJSON();
  range.setStart(text, 5); range.setEnd(text, 6);
  return [first, range.getBoundingClientRect().toJSON(),
          el.getBoundingClientRect().toJSON()];
}
"""


def computed(page, selector, prop):
    return page.eval_on_selector(
        selector, f"el => getComputedStyle(el).getPropertyValue('{prop}')"
    )


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_reader_goes_from_home_to_the_seed_article(
    open_page, live_server, seed_article, screenshot, size, viewport
):
    errors = []
    page = open_page(viewport, errors)
    page.goto(live_server.url + "/")
    assert computed(page, "html", "direction") == "rtl"
    screenshot(page, f"home-{size}")

    page.get_by_role("link", name=seed_article.headline).first.click()
    page.wait_for_url(f"**/articles/{seed_article.pk}/**")
    assert page.locator("h1").inner_text() == seed_article.headline
    assert computed(page, "body", "direction") == "rtl"
    assert computed(page, ".article__body p", "text-align") in {"start", "right"}

    families = page.evaluate(LOADED_FONTS)
    assert '"Noto Naskh Arabic"' in families or "Noto Naskh Arabic" in families
    assert '"Noto Kufi Arabic"' in families or "Noto Kufi Arabic" in families
    assert "Noto Naskh Arabic" in computed(page, ".article__body p", "font-family")
    assert "Noto Kufi Arabic" in computed(page, "h1", "font-family")

    # The first paragraph starts at the right edge of its box and runs leftwards.
    first, sixth, box = page.eval_on_selector(".article__body p", FIRST_AND_LAST)
    assert abs(first["right"] - box["right"]) < 2
    assert first["left"] > sixth["left"]

    credits = page.locator("figcaption .credit")
    assert credits.nth(0).is_visible() and credits.nth(0).inner_text() == "(الجزيرة)"
    assert credits.nth(1).is_visible() and credits.nth(1).inner_text() == "(رويترز)"
    assert page.locator("figure img").count() == 0  # no broken images
    assert page.get_by_text("نُشر", exact=True).is_visible()
    assert page.get_by_text("آخر تحديث").count() == 0

    # Nothing spills sideways on a phone.
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    screenshot(page, f"article-{size}")
    assert errors == []  # no CSP violation, no missing file, no script error


def test_archive_filter_and_pagination(
    open_page, live_server, seed_article, screenshot
):
    reuters = Source.objects.get(name="رويترز")
    for n in range(22):
        article = Article.objects.create(
            headline=f"الرئيس يستقبل الوفد رقم {n}",
            status="published",
            published_at=timezone.now() - timedelta(hours=n + 2),
        )
        article.sources.set([reuters])
    errors = []
    page = open_page(DESKTOP, errors)
    page.goto(live_server.url + "/archive/")
    page.get_by_label("كلمات في العنوان").fill("الرّئيس الوفد")
    page.get_by_label("المصدر").select_option(label="رويترز")
    page.get_by_role("button", name="عرض").click()
    page.wait_for_url("**/archive/?**")
    assert page.locator("#results-title").inner_text() == "22 مقالًا"
    assert page.locator(".card").count() == 20
    assert seed_article.headline not in page.content()

    page.get_by_role("link", name="الأقدم").click()
    page.wait_for_url("**page=2**")
    assert page.locator(".card").count() == 2
    # The filters kept their values on the second page.
    assert page.get_by_label("كلمات في العنوان").input_value() == "الرّئيس الوفد"
    assert page.locator("#id_source option:checked").inner_text() == "رويترز"
    screenshot(page, "archive-desktop")
    assert errors == []


def test_skip_link_leads_to_the_content(open_page, live_server, seed_article):
    page = open_page(PHONE, [])
    page.goto(live_server.url + seed_article.get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="انتقل إلى المحتوى")
    assert skip.is_visible()
    skip.press("Enter")
    assert page.evaluate("location.hash") == "#content"
