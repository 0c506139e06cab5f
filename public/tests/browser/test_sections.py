"""What only a browser shows of sections and authors: the sections in the
navigation and the breaking-news line at phone and desktop widths, a section front
and an author page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, BreakingNews, Section
from articles.services.front_page import front_page_arrange
from articles.tests.factories import editor, make_article, make_author, make_tag
from public.tests.browser.test_site import DESKTOP, PHONE, computed

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = ["سياسة", "اقتصاد", "دولي", "رياضة", "ثقافة", "علوم وتكنولوجيا", "منوعات"]


@pytest.fixture
def newsroom():
    """Sections (made again: transactional tests empty the database when they end),
    a few published stories in sport by one author."""
    sections = [
        Section.objects.get_or_create(name=name, defaults={"order": n})[0]
        for n, name in enumerate(NAMES)
    ]
    sport = Section.objects.get(name="رياضة")
    sara = make_author(
        "سارة حسن",
        role="مراسلة رياضية",
        bio="تغطي كرة القدم العربية منذ عشر سنوات.",
        links="https://example.com/sara",
    )
    cup = make_tag("كأس العالم")
    for n in range(5):
        make_article(
            headline=f"المنتخب يستعد للمباراة رقم {n}",
            status="published",
            published_at=timezone.now() - timedelta(hours=n + 1),
            section=sport,
            tags=[cup],
            authors=[sara],
        )
    BreakingNews.objects.create(
        text="المنتخب يتأهل إلى نهائي كأس العالم",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    return {"sections": sections, "sport": sport, "author": sara}


def no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_the_sections_lead_from_home_to_a_section_front_and_an_author(
    open_page, live_server, newsroom, screenshot, size, viewport
):
    errors = []
    page = open_page(viewport, errors)
    page.goto(live_server.url + "/")
    nav = page.locator(".section-nav")
    assert nav.is_visible()
    names = list(Section.objects.main().values_list("name", flat=True))
    assert nav.locator("a").all_inner_texts() == names
    # On a phone the row scrolls inside itself; the page never scrolls sideways.
    banner = page.locator(".breaking")
    assert banner.is_visible()
    assert "المنتخب يتأهل إلى نهائي كأس العالم" in banner.inner_text()
    assert no_sideways_scroll(page)
    if size == "phone":
        assert computed(page, ".section-nav ul", "overflow-x") == "auto"
    screenshot(page, f"home-sections-{size}")

    nav.get_by_role("link", name="رياضة").click()
    page.wait_for_url("**/sections/**")
    assert page.locator("h1").inner_text() == "رياضة"
    assert page.locator(".card").count() == 5
    current = nav.locator('a[aria-current="page"]')
    assert current.inner_text() == "رياضة"
    assert computed(page, "h1", "direction") == "rtl"
    assert no_sideways_scroll(page)
    screenshot(page, f"section-{size}")

    page.locator(".card a").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator(".breadcrumb a").all_inner_texts()[-1] == "رياضة"
    page.locator(".byline a").first.click()
    page.wait_for_url("**/authors/**")
    assert page.locator("h1").inner_text() == "سارة حسن"
    assert page.get_by_text("مراسلة رياضية").is_visible()
    assert page.locator(".card").count() == 5
    assert no_sideways_scroll(page)
    screenshot(page, f"author-{size}")
    assert errors == []


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_arranged_fronts_open_the_home_page_and_a_section_front(
    open_page, live_server, newsroom, screenshot, size, viewport
):
    sport = newsroom["sport"]
    stories = list(Article.objects.filter(section=sport).order_by("-published_at"))
    by = editor()
    front_page_arrange([stories[4]], by=by)
    front_page_arrange([stories[3], stories[2]], by=by, section=sport)
    errors = []
    page = open_page(viewport, errors)
    page.goto(live_server.url + "/")
    assert page.locator(".lead-story__title").inner_text() == (stories[4].headline)
    page.goto(live_server.url + sport.get_absolute_url())
    titles = page.locator(".card__title").all_inner_texts()
    assert titles[:3] == [stories[3].headline, stories[2].headline, stories[0].headline]
    # The section's lead takes the grid's whole row, above its top stories.
    lead, top = (page.locator(".card").nth(n).bounding_box() for n in (0, 1))
    assert page.locator(".card").first.get_attribute("class") == "card card--lead"
    assert lead["y"] + lead["height"] <= top["y"]
    if size == "desktop":
        assert lead["width"] > 2 * top["width"]
    assert no_sideways_scroll(page)
    screenshot(page, f"section-front-{size}")
    assert errors == []
