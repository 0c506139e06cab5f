"""Autosave of the article form: kept as the editor types (not a revision), offered
back when the form is opened again, dropped by a real save; a second tab is warned
instead of overwriting the first."""

import json

import pytest
from django.test import Client

from articles.models import Revision
from articles.tests.factories import editor, make_article, reporter
from articles.tests.html import elements
from desk.autosave import autosave_store
from desk.models import Autosave
from desk.tests.desk_forms import article_form_data

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/autosave/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def typed(article, tab="tab-1", **fields):
    return {
        "article": article.pk if article else "",
        "version": article.version if article else "",
        "tab": tab,
        "headline": fields.get("headline", "عنوان معدل"),
        "body": fields.get("body", "فقرة كتبها المحرر ولم يحفظها."),
    }


def test_typing_is_kept_without_a_revision(desk):
    article = make_article(created_by=desk.user)
    revisions = Revision.objects.filter(article=article).count()
    response = desk.post(URL, typed(article))
    assert response.status_code == 200
    assert response.json()["saved"] is True
    kept = Autosave.objects.get(user=desk.user, article=article)
    assert kept.data["body"] == "فقرة كتبها المحرر ولم يحفظها."
    assert kept.base_version == article.version
    assert Revision.objects.filter(article=article).count() == revisions
    article.refresh_from_db()
    assert article.headline != "عنوان معدل"


def test_reopening_the_form_offers_the_changes_back(desk):
    article = make_article(created_by=desk.user)
    desk.post(URL, typed(article))
    html = desk.get(change_url(article)).content.decode()
    assert "desk-autosave-offer" in html
    (data,) = elements(html, "script", id="desk-autosave-data")
    assert json.loads(data.text)["body"] == "فقرة كتبها المحرر ولم يحفظها."


def test_changes_equal_to_the_stored_article_are_not_offered(desk):
    article = make_article(created_by=desk.user)
    desk.post(URL, typed(article, headline=article.headline, body=article.body))
    assert "desk-autosave-offer" not in desk.get(change_url(article)).content.decode()


def test_a_real_save_drops_the_kept_changes(desk):
    article = make_article(created_by=desk.user)
    desk.post(URL, typed(article))
    data = article_form_data(article, headline="عنوان محفوظ")
    response = desk.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not Autosave.objects.filter(article=article).exists()


def test_a_second_tab_is_warned_and_may_take_over(desk):
    article = make_article(created_by=desk.user)
    assert desk.post(URL, typed(article, tab="first")).status_code == 200
    second = desk.post(URL, typed(article, tab="second", body="نص آخر"))
    assert second.status_code == 409
    assert second.json()["saved"] is False
    assert second.json()["message"]
    kept = Autosave.objects.get(article=article)
    assert kept.tab == "first"
    assert kept.data["body"] == "فقرة كتبها المحرر ولم يحفظها."
    forced = desk.post(URL, {**typed(article, tab="second", body="نص آخر"), "force": 1})
    assert forced.status_code == 200
    assert Autosave.objects.get(article=article).data["body"] == "نص آخر"


def test_another_editor_in_the_article_is_named(desk):
    article = make_article(created_by=desk.user)
    client = Client()
    client.force_login(editor("samir"))
    client.post(f"/admin/articles/article/{article.pk}/open/")
    answer = desk.post(URL, typed(article)).json()
    assert answer["others"] == ["samir"]


def test_a_new_article_is_kept_too_and_discarded_on_request(desk):
    assert desk.post(URL, typed(None)).status_code == 200
    assert Autosave.objects.get(user=desk.user, article=None)
    assert (
        "desk-autosave-offer"
        in desk.get("/admin/articles/article/add/").content.decode()
    )
    desk.post(URL, {"article": "", "discard": "1"})
    assert not Autosave.objects.filter(user=desk.user).exists()


def test_someone_who_may_not_edit_the_article_cannot_autosave_it(client):
    article = make_article(created_by=editor("owner"))
    client.force_login(reporter())
    assert client.post(URL, typed(article)).status_code == 403
    assert not Autosave.objects.exists()


def test_staff_without_article_rights_are_refused_before_their_post_is_read(client):
    from django.contrib.auth import get_user_model

    client.force_login(
        get_user_model().objects.create_user("clerk", password="pw", is_staff=True)
    )
    assert client.post(URL, {"article": "nonsense"}).status_code == 403
    assert client.post(URL, typed(None)).status_code == 403
    assert not Autosave.objects.exists()


def test_fields_are_cut_to_their_lengths_and_others_ignored(desk):
    article = make_article(created_by=desk.user)
    autosave_store(
        desk.user,
        article,
        {"headline": "ع" * 1000, "status": "published", "body": "نص"},
        tab="t",
        base_version=article.version,
    )
    kept = Autosave.objects.get(article=article)
    assert len(kept.data["headline"]) == 300
    assert "status" not in kept.data


def test_a_get_stores_nothing(desk):
    assert desk.get(URL).status_code == 405


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_unsaved_bodies_typed_before_the_notation_restore_as_they_read():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from articles.tests.factories import make_user
    from articles.tests.test_migrations import migrate
    from desk.models import Autosave

    body = "- ليس بندًا و**ليس عريضًا**\n\n## عنوان_"
    before = [("desk", "0001_autosave"), ("articles", "0027_desk_scope_roles")]
    old = migrate(before)
    try:
        user = make_user("typist")
        old.get_model("desk", "Autosave").objects.create(
            user_id=user.pk, tab="t", data={"body": body, "headline": "خبر"}
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    saved = Autosave.objects.get(user=user)
    assert saved.data == {
        "body": "\\- ليس بندًا و\\*\\*ليس عريضًا\\*\\*\n\n## عنوان_",
        "headline": "خبر",
    }
    migrate([("desk", "0001_autosave")])
    try:
        assert old.get_model("desk", "Autosave").objects.get().data["body"] == body
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.parametrize(
    ("field", "value"),
    [("article", "abc"), ("version", "x"), ("article", "-3"), ("article", "9" * 30)],
)
def test_a_post_that_is_not_understood_is_refused_with_a_message(desk, field, value):
    article = make_article(created_by=desk.user)
    response = desk.post(URL, {**typed(article), field: value})
    assert response.status_code == 400
    answer = response.json()
    assert answer["saved"] is False
    assert answer["message"] == (
        "لم يُحتفظ بالتعديلات غير المحفوظة: تعذّر فهم الطلب. أعد تحميل الصفحة."
    )
    assert list(answer["errors"]) == [field]
    assert not Autosave.objects.exists()


def test_fields_the_post_leaves_out_are_not_kept(desk):
    article = make_article(created_by=desk.user)
    desk.post(URL, typed(article))
    assert set(Autosave.objects.get(article=article).data) == {"headline", "body"}
