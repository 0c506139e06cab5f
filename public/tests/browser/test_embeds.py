"""An embed loads nothing from its provider until the reader presses its button."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_video_is_framed_only_when_the_reader_asks(open_page, live_server):
    article = make_article(
        status="published",
        published_at=timezone.now() - timedelta(hours=1),
        body="قال المتحدث في **مؤتمر صحفي** عبر Zoom:\n\nhttps://youtu.be/dQw4w9WgXcQ",
    )
    errors, third_party = [], []
    page = open_page({"width": 390, "height": 844}, errors)

    def answer(route):
        third_party.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>video</p>")

    page.route("https://www.youtube-nocookie.com/**", answer)
    page.goto(live_server.url + article.get_absolute_url())
    button = page.get_by_role("button", name="شغّل الفيديو")
    assert button.is_visible()
    assert page.locator("iframe").count() == 0
    assert third_party == []

    button.click()
    frame = page.locator("figure.embed iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    page.wait_for_timeout(300)
    assert third_party == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]
    assert page.get_by_role("link", name="https://youtu.be/dQw4w9WgXcQ").is_visible()
    assert errors == []
