import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article
from articles.tests.factories import make_article, make_caption
from articles.tests.html import elements
from public.templatetags.site_dates import arabic_date, arabic_datetime, hijri_date
from public.templatetags.site_pages import jsonld


def test_arabic_dates_in_the_site_time_zone():
    # 22:30 UTC on 31 December is already the new year in Doha.
    value = datetime(2025, 12, 31, 22, 30, tzinfo=UTC)
    assert arabic_date(value) == "1 يناير 2026"
    assert arabic_datetime(value) == "الخميس 1 يناير/كانون الثاني 2026، 01:30"


@pytest.fixture(autouse=True)
def doha_time():
    """Dates are shown in the site's time zone: pin it (UTC+3, no summer time)."""
    with timezone.override(ZoneInfo("Asia/Qatar")):
        yield


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 29), "19 جمادى الآخرة 1448 هـ"),
        (date(2026, 3, 20), "1 شوال 1447 هـ"),
        (date(1924, 8, 1), "1 محرم 1343 هـ"),
        (date(1924, 7, 31), ""),
        (date(2077, 11, 17), ""),
    ],
)
def test_hijri_date_within_the_calendar_range_only(day, expected):
    assert hijri_date(day) == expected


def test_empty_dates_render_nothing():
    assert arabic_date(None) == arabic_datetime(None) == hijri_date(None) == ""


def test_jsonld_escapes_markup():
    html = jsonld({"headline": "</script><b>&"})
    assert html == (
        '<script type="application/ld+json">'
        '{"headline": "\\u003C/script\\u003E\\u003Cb\\u003E\\u0026"}</script>'
    )
    payload = html.removeprefix('<script type="application/ld+json">').removesuffix(
        "</script>"
    )
    assert json.loads(payload) == {"headline": "</script><b>&"}


@pytest.mark.django_db
def test_article_template_renders_a_draft_with_only_the_article():
    """The staff preview renders the public template with just ``article``."""
    draft = make_article(headline="مسودة للمعاينة", body="فقرة.\n\n[[صورة 1]]")
    make_caption(draft, text="صورة المسودة")
    html = render_to_string(
        "public/article_detail.html",
        {"article": Article.objects.for_page().get(pk=draft.pk)},
    )
    assert elements(
        html, "h1", id="headline", class_="article__headline", text="مسودة للمعاينة"
    )
    assert "صورة المسودة" in html
    assert not elements(html, class_="dates")
    assert '"headline": "مسودة للمعاينة"' in html
    assert "datePublished" not in html
