"""The front page on the desk: who may arrange it, arranging, its history."""

import pytest
from django.utils import timezone

from articles.models import FrontPage
from articles.tests.factories import (
    chief,
    editor,
    make_article,
    make_section,
    reporter,
)
from articles.tests.html import elements

pytestmark = pytest.mark.django_db

URL = "/admin/articles/frontpage/"


def arrangement(*articles, **fields):
    data = {
        "goes_live_at_0": timezone.localtime().strftime("%Y-%m-%d"),
        "goes_live_at_1": timezone.localtime().strftime("%H:%M:%S"),
        "note": "",
        "slots-TOTAL_FORMS": len(articles),
        "slots-INITIAL_FORMS": 0,
        "slots-MIN_NUM_FORMS": 0,
        "slots-MAX_NUM_FORMS": 13,
    }
    for n, (article, position) in enumerate(articles):
        data[f"slots-{n}-article"] = article.pk
        data[f"slots-{n}-position"] = position
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("who", "allowed"), [("reporter", False), ("editor", True), ("chief", True)]
)
def test_only_editors_and_the_chief_see_and_arrange_the_front_page(
    client, who, allowed
):
    client.force_login({"reporter": reporter, "editor": editor, "chief": chief}[who]())
    assert (client.get(URL).status_code == 200) == allowed
    assert (client.get(URL + "add/").status_code == 200) == allowed
    lead = make_article(status="published")
    client.post(URL + "add/", arrangement((lead, 0)))
    assert FrontPage.objects.exists() == allowed


def test_an_editor_arranges_the_lead_and_top_stories_in_order(client):
    client.force_login(editor())
    a, b, c = (make_article(headline=h, status="published") for h in "أبج")
    response = client.post(URL + "add/", arrangement((b, 2), (c, 0), (a, 1)))
    assert response.status_code == 302
    front = FrontPage.objects.get()
    assert [s.article for s in front.slots.order_by("position")] == [c, a, b]
    history = client.get(URL).content.decode()
    assert "على الصفحة الرئيسية" in history  # the live one is marked


def test_an_arrangement_needs_a_published_lead(client):
    client.force_login(editor())
    draft = make_article(headline="مسودة")
    response = client.post(URL + "add/", arrangement((draft, 0)))
    assert response.status_code == 200
    response = client.post(URL + "add/", arrangement())
    assert response.status_code == 200
    assert not FrontPage.objects.exists()


def test_arrangements_are_never_changed_and_an_old_one_is_put_back(client):
    client.force_login(editor())
    a, b = (make_article(headline=h, status="published") for h in "أب")
    client.post(URL + "add/", arrangement((a, 0)))
    client.post(URL + "add/", arrangement((b, 0)))
    first = FrontPage.objects.order_by("pk").first()
    page = client.get(f"{URL}{first.pk}/change/").content.decode()
    assert not elements(page, name="goes_live_at_0")  # read only
    client.post(URL, {"action": "put_back", "_selected_action": [first.pk]})
    newest = FrontPage.objects.live().first()
    assert [s.article for s in newest.slots.all()] == [a]
    assert FrontPage.objects.count() == 3


def test_an_editor_arranges_a_section_front_with_its_own_history(client):
    client.force_login(editor())
    sport = make_section("كرة القدم")
    a, b = (make_article(headline=h, status="published", section=sport) for h in "أب")
    home = make_article(headline="ج", status="published")
    client.post(URL + "add/", arrangement((home, 0)))
    response = client.post(URL + "add/", arrangement((b, 0), (a, 1), section=sport.pk))
    assert response.status_code == 302
    front = FrontPage.objects.get(section=sport)
    assert [s.article for s in front.slots.order_by("position")] == [b, a]
    assert FrontPage.objects.live().get().slots.get().article == home
    history = client.get(URL).content.decode()
    assert "على الصفحة الرئيسية" in history
    assert "على صفحة القسم" in history  # each front's live arrangement
    filtered = client.get(URL, {"section__id__exact": sport.pk}).content.decode()
    assert "على الصفحة الرئيسية" not in filtered


def test_a_section_front_takes_only_that_sections_articles(client):
    client.force_login(editor())
    sport, economy = make_section("كرة القدم"), make_section("الطقس")
    other = make_article(headline="سعر النفط", status="published", section=economy)
    response = client.post(URL + "add/", arrangement((other, 0), section=sport.pk))
    assert response.status_code == 200
    assert (
        "سعر النفط"
        in response.context["inline_admin_formsets"][0].formset.non_form_errors()[0]
    )
    assert not FrontPage.objects.exists()


def test_a_section_front_is_put_back_on_its_section(client):
    client.force_login(chief())
    sport = make_section("كرة القدم")
    a, b = (make_article(headline=h, status="published", section=sport) for h in "أب")
    client.post(URL + "add/", arrangement((a, 0), section=sport.pk))
    client.post(URL + "add/", arrangement((b, 0), section=sport.pk))
    first = FrontPage.objects.order_by("pk").first()
    client.post(URL, {"action": "put_back", "_selected_action": [first.pk]})
    newest = FrontPage.objects.live(sport).first()
    assert [s.article for s in newest.slots.all()] == [a]
    assert not FrontPage.objects.live().exists()  # the home page's untouched
