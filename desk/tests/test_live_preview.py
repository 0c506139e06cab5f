"""The live preview beside the change form: the real article page with what the
editor typed, stored nowhere, framable by the desk only."""

import pytest
from pytest_django.asserts import assertContains

from articles.models import Article
from articles.tests.factories import make_article, make_user
from articles.tests.html import elements

pytestmark = pytest.mark.django_db


def url(article):
    return f"/admin/articles/article/{article.pk}/live-preview/"


def test_typed_text_is_rendered_with_the_article_template_and_not_stored(desk):
    article = make_article(created_by=desk.user, body="فقرة محفوظة.")
    response = desk.post(
        url(article),
        {
            "headline": "عنوان لم يُحفظ",
            "body": "فقرة أولى عن Reuters و<b>وسم</b>.\n\n## عنوان فرعي جديد",
            "status": "published",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assertContains(
        response,
        '<h1 id="headline" class="article__headline">عنوان لم يُحفظ</h1>',
        html=True,
    )
    assertContains(response, "<h2>عنوان فرعي جديد</h2>", html=True)
    assert "&lt;b&gt;وسم&lt;/b&gt;" in html  # escaped, never interpreted
    stored = Article.objects.get(pk=article.pk)
    assert stored.body == "فقرة محفوظة."
    assert stored.status == article.status
    assert "no-store" in response["Cache-Control"]


def test_only_the_desk_may_frame_it(desk):
    article = make_article(created_by=desk.user)
    live = desk.get(url(article))
    assert live["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in live["Content-Security-Policy"]
    preview = desk.get(f"/admin/articles/article/{article.pk}/preview/")
    assert preview["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in preview["Content-Security-Policy"]


def test_the_change_form_offers_it(desk):
    article = make_article(created_by=desk.user)
    html = desk.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    (form,) = elements(html, "form", id="desk-live-preview-form", method="post")
    assert form.attrs["target"] == "desk-live-preview"
    assert elements(html, "iframe", name="desk-live-preview")
    assert "desk-reading-time" in html


def test_someone_outside_the_desk_gets_no_preview(client):
    article = make_article()
    client.force_login(make_user("visitor"))
    response = client.post(url(article), {"headline": "x"})
    assert response.status_code in (302, 403)
    assert "x" not in Article.objects.get(pk=article.pk).headline
