"""One lead figure everywhere: the figure the body places first, else the lowest-numbered
(Article.lead_caption), whatever page, card or structured data shows it."""

import json

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, Image
from articles.tests.factories import make_article, make_caption, photo_bytes
from articles.tests.html import elements

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photographed(article, position, name):
    image = Image(alt_text=f"صورة {position}", width=64, height=48)
    image.file.save(name, ContentFile(photo_bytes(size=(64, 48))), save=False)
    image.save()
    return make_caption(
        article, position=position, image=image, text=f"تعليق {position}"
    )


def article_placing_figure_2_first():
    article = make_article(
        headline="الصورة الثانية أولًا",
        body="[[صورة 2]]\n\nفقرة أولى.\n\n[[صورة 1]]\n\nفقرة ثانية.",
        status="published",
        published_at=timezone.now() - timezone.timedelta(hours=1),
    )
    photographed(article, 1, "one.jpg")
    photographed(article, 2, "two.jpg")
    return Article.objects.get(pk=article.pk)


def test_the_lead_is_the_figure_the_body_places_first(media):
    article = article_placing_figure_2_first()
    assert article.lead_position == 2
    assert Article.objects.for_page().get(pk=article.pk).lead_caption().position == 2


def test_without_a_placed_figure_the_lead_is_the_lowest_numbered(media):
    article = make_article(body="فقرة بلا صور.")
    make_caption(article, position=3)
    make_caption(article, position=1)
    article = Article.objects.get(pk=article.pk)
    assert article.lead_position is None
    assert article.lead_caption().position == 1


def test_page_card_and_structured_data_agree_on_the_lead(client, media):
    article = article_placing_figure_2_first()
    page = client.get(article.get_absolute_url())
    (og_image,) = elements(page, "meta", property="og:image")
    assert og_image.attrs["content"].endswith("two.jpg")
    (prioritised,) = elements(page, "img", fetchpriority="high")
    assert prioritised.attrs["src"].endswith("two.jpg")
    (script,) = elements(page, "script", type="application/ld+json")
    assert json.loads(script.text)["image"][0]["url"].endswith("two.jpg")

    (card_photo,) = elements(client.get("/archive/"), "img", class_="card__photo")
    assert card_photo.attrs["src"].endswith("two.jpg")
