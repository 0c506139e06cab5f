"""The front page on the desk: who may arrange it, arranging, its history."""

import pytest
from django.utils import timezone

from articles.models import FrontPage
from articles.tests.factories import chief, editor, make_article, reporter

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
    assert 'name="goes_live_at_0"' not in page  # read only
    client.post(URL, {"action": "put_back", "_selected_action": [first.pk]})
    newest = FrontPage.objects.live().first()
    assert [s.article for s in newest.slots.all()] == [a]
    assert FrontPage.objects.count() == 3
