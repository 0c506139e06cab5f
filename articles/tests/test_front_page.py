from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article, FrontPage
from articles.services.front_page import front_page_arrange, front_page_restore

from .factories import chief, editor, make_article, reporter

pytestmark = pytest.mark.django_db


def story(headline, hours_ago):
    return make_article(
        headline=headline,
        status="published",
        published_at=timezone.now() - timedelta(hours=hours_ago),
    )


def home(limit=5):
    return [a.headline for a in Article.objects.published().front_page(limit)]


def test_without_an_arrangement_the_front_page_is_the_newest():
    for n in range(4):
        story(f"خبر {n}", n + 1)
    assert home(3) == ["خبر 0", "خبر 1", "خبر 2"]


def test_the_lead_and_top_stories_come_first_then_the_newest_fill_the_slots():
    stories = [story(f"خبر {n}", n + 1) for n in range(6)]
    front_page_arrange([stories[4], stories[2]], by=editor())
    assert home(4) == ["خبر 4", "خبر 2", "خبر 0", "خبر 1"]


def test_a_story_taken_off_the_site_leaves_its_slot_to_the_next():
    stories = [story(f"خبر {n}", n + 1) for n in range(3)]
    front_page_arrange([stories[2], stories[1]], by=editor())
    Article.objects.filter(pk=stories[2].pk).update(status="archived")
    assert home(3) == ["خبر 1", "خبر 0"]


def test_an_arrangement_for_later_goes_live_at_its_time():
    stories = [story(f"خبر {n}", n + 1) for n in range(3)]
    later = front_page_arrange(
        [stories[2]], by=editor(), goes_live_at=timezone.now() + timedelta(hours=1)
    )
    assert home(1) == ["خبر 0"]
    FrontPage.objects.filter(pk=later.pk).update(
        goes_live_at=timezone.now() - timedelta(seconds=1)
    )
    assert home(1) == ["خبر 2"]


def test_only_editors_and_the_chief_arrange_the_front_page():
    lead = story("خبر", 1)
    with pytest.raises(PermissionDenied):
        front_page_arrange([lead], by=reporter())
    front_page_arrange([lead], by=editor())
    front_page_arrange([lead], by=chief())
    assert FrontPage.objects.count() == 2


def test_only_published_articles_go_on_the_front_page():
    draft = make_article(headline="مسودة")
    amal = editor()
    with pytest.raises(ValidationError) as error:
        front_page_arrange([draft], by=amal)
    assert error.value.code == "front_page_unpublished"
    with pytest.raises(ValidationError) as error:
        front_page_arrange([], by=amal)
    assert error.value.code == "front_page_empty"


def test_every_change_is_kept_and_an_earlier_one_can_be_put_back():
    a, b = story("أ", 1), story("ب", 2)
    amal = editor()
    first = front_page_arrange([a, b], by=amal, note="الصباح")
    front_page_arrange([b], by=amal, note="عاجل")
    assert home(1) == ["ب"]
    history = list(FrontPage.objects.all())
    assert [f.note for f in history] == ["عاجل", "الصباح"]
    assert all(f.created_by == amal for f in history)
    back = front_page_restore(first, by=amal)
    assert home(2) == ["أ", "ب"]
    assert FrontPage.objects.count() == 3 and back.created_by == amal
