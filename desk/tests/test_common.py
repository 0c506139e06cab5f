"""The desk as a whole: Arabic and right to left, the language switch, sign-in,
the self-hosted font, and Django's own strings agreeing with each model."""

import json
import re
from html import unescape

import pytest
from pytest_django.asserts import assertContains

from articles.models import Image
from articles.tests.factories import (
    chief,
    editor,
    make_article,
    make_caption,
    make_source,
    make_user,
)
from articles.tests.html import elements
from desk.tests.desk_forms import article_form_data, change_url

pytestmark = pytest.mark.django_db


def test_admin_index_is_arabic_and_right_to_left(client):
    client.force_login(make_user("chief", superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert elements(response, "html", lang="ar", dir="rtl")
    assertContains(response, "المقالات")
    assertContains(response, "المصادر")


def test_admin_switches_to_english_for_staff_who_prefer_it(client):
    client.force_login(make_user("chief", superuser=True))
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    response = client.get("/admin/")
    assert elements(response, "html", lang="en", dir="ltr")
    assertContains(response, "Articles")


def test_admin_requires_login(client):
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_stays_arabic_for_a_browser_asking_for_english(client):
    client.force_login(make_user("chief", superuser=True))
    response = client.get("/admin/", headers={"accept-language": "en-US,en;q=0.9"})
    assert elements(response, "html", lang="ar", dir="rtl")


def test_admin_uses_the_self_hosted_arabic_font_and_shows_the_brand(client):
    client.force_login(editor())
    html = client.get("/admin/").content.decode()
    stylesheets = {e.attrs["href"] for e in elements(html, "link", rel="stylesheet")}
    assert "/static/fonts/noto-naskh-arabic/fonts.css" in stylesheets
    assert "/static/admin-desk/desk.css" in stylesheets
    assert elements(html, class_="desk-brand")
    assert "fonts.googleapis" not in html


def test_every_admin_page_names_the_sites_icon(client):
    icon = '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">'
    assertContains(client.get("/admin/login/"), icon, html=True)
    client.force_login(editor())
    article = make_article()
    for url in ("/admin/", "/admin/articles/article/", change_url(article)):
        assertContains(client.get(url), icon, html=True)


def test_language_switch_in_the_header(client):
    client.force_login(editor())
    response = client.get("/admin/")
    assert elements(response, "form", action="/i18n/setlang/")
    assertContains(
        response,
        '<button type="submit" name="language" value="en" lang="en">English</button>',
        html=True,
    )


def test_text_inputs_take_their_direction_from_the_text(client):
    client.force_login(editor())
    article = make_article()
    make_caption(article, position=1)
    html = client.get(change_url(article)).content.decode()
    for name in [
        "headline",
        "standfirst",
        "body",
        "byline",
        "captions-0-text",
        "captions-0-alt_text",
    ]:
        fields = [
            e for e in elements(html, name=name) if e.tag in {"input", "textarea"}
        ]
        assert [field.attrs.get("dir") for field in fields] == ["auto"], name
    listing = client.get("/admin/articles/article/")
    assert elements(listing, "input", id="searchbar", dir="auto")


def script_catalogue(client):
    """The admin's catalogue of script strings, as its jsi18n view serves it."""
    body = client.get("/admin/jsi18n/").content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\n  \});", body, re.S)[1])


def test_the_admins_scripts_speak_arabic(client):
    client.force_login(editor())
    catalogue = script_catalogue(client)
    ahead = catalogue[
        "Note: Enter times in the %(timezone)s timezone. "
        "(You are %(offset)s hour ahead.)"
    ]
    assert ahead == 6 * [
        "ملاحظة: أدخِل الأوقات بتوقيت %(timezone)s، فتوقيتك متقدّم عليه "
        "(الفارق بالساعات: %(offset)s)."
    ]
    behind = catalogue[
        "Note: Enter times in the %(timezone)s timezone. "
        "(You are %(offset)s hour behind.)"
    ]
    assert behind[3] == (
        "ملاحظة: أدخِل الأوقات بتوقيت %(timezone)s، فتوقيتك متأخر عنه "
        "(الفارق بالساعات: %(offset)s)."
    )
    assert catalogue["Today (%(date)s)"] == "اليوم (%(date)s)"
    assert catalogue["%(month)s %(day)s, %(year)s"] == "%(day)s %(month)s %(year)s"
    assert catalogue["Choose a Time"] == "اختر وقتًا"
    # Django's own translations are still there.
    assert catalogue["Now"] == "الآن"


def test_list_titles_agree_with_each_model(client):
    client.force_login(editor())
    titles = {
        model: client.get(f"/admin/articles/{model}/").context["title"]
        for model in ("article", "image", "source")
    }
    assert titles == {
        "article": "اختر مقالًا لتعديله",
        "image": "اختر صورة لتعديلها",
        "source": "اختر مصدرًا لعرضه",  # editors only view sources
    }
    client.force_login(chief())
    assert client.get("/admin/articles/source/").context["title"] == (
        "اختر مصدرًا لتعديله"
    )


def test_admin_messages_and_buttons_fit_any_model(client):
    client.force_login(editor())
    article = make_article(headline="خبر للحفظ", sources=[make_source()])
    response = client.post(change_url(article), article_form_data(article), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        f'حُفظت التعديلات على مقال «<a href="{change_url(article)}">خبر للحفظ</a>».'
    ]
    image = Image.objects.create(alt_text="صورة البرلمان")
    response = client.post(
        f"/admin/articles/image/{image.pk}/change/",
        {"alt_text": "صورة البرلمان", "credit": "", "_continue": "1"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        f'حُفظت التعديلات على صورة «<a href="/admin/articles/image/{image.pk}/change/">'
        "صورة البرلمان</a>»، ويمكنك متابعة التعديل أدناه."
    ]
    html = client.get(change_url(article)).content.decode()
    figures = json.loads(unescape(re.search(r'data-inline-formset="([^"]*)"', html)[1]))
    assert figures["options"]["addText"] == "إضافة صورة المقال"
    assert elements(html, title="إضافة صورة")  # the "+" next to the library's photos
