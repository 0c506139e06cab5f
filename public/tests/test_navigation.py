"""What every public page shows around its content (``public/navigation.py``): the
main sections and the breaking-news line, read once until one changes."""

import pytest

from articles.models import Section
from articles.tests.html import elements
from public import navigation
from public.tests.test_breaking import line

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("default_sections")
def test_every_page_shows_the_main_sections_in_order(client):
    html = client.get("/").content.decode()
    nav = html[html.index('<nav class="section-nav"') :]
    nav = nav[: nav.index("</nav>")]
    names = [a.text for a in elements(nav, "a")]
    assert names == list(Section.objects.main().values_list("name", flat=True))
    sport = Section.objects.get(name="رياضة")
    html = client.get(sport.get_absolute_url()).content.decode()
    assert elements(html, "a", href=sport.get_absolute_url(), aria_current="page")


@pytest.mark.usefixtures("default_sections")
def test_the_navigation_reads_sections_once_until_one_changes(
    client, django_assert_num_queries
):
    navigation.main_sections()
    with django_assert_num_queries(0):
        navigation.main_sections()
    sport = Section.objects.get(name="رياضة")
    sport.name = "الرياضة"
    sport.save()
    assert "الرياضة" in [s["name"] for s in navigation.main_sections()]
    html = client.get("/").content.decode()
    assert elements(html, "a", href=sport.get_absolute_url(), text="الرياضة")


def test_the_line_costs_pages_no_query_once_read(client, django_assert_num_queries):
    line()
    navigation.main_sections()
    with django_assert_num_queries(0):
        assert navigation.breaking_news()["text"].startswith("عاجل")
