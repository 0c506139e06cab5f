"""The articles screens: the list, the dashboard, the change form, the preview, who
else has it open, list actions, and addresses that name nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains

from articles.models import Article, ArticlePresence, ArticleTransition, Source
from articles.services import article_publish, article_save, article_submit
from articles.tests.factories import (
    chief,
    editor,
    make_article,
    make_caption,
    make_source,
    reporter,
)
from articles.tests.html import elements
from desk.admin.articles import ArticleAdmin
from desk.admin.taxonomy import ArticleAuthorFormSet
from desk.forms import CaptionInlineFormSet
from desk.tests.desk_forms import article_form_data, change_url

pytestmark = pytest.mark.django_db


# The desk's screens ----------------------------------------------------------------


def queries_for(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_article_list_columns(client):
    author = editor("amal")
    client.force_login(author)
    article = make_article(
        headline="خبر منشور",
        status="published",
        sources=[make_source(name="رويترز"), make_source(name="وكالات")],
        updated_by=author,
    )
    html = client.get("/admin/articles/article/").content.decode()
    assert elements(html, "a", href=f"/admin/articles/article/{article.pk}/change/")
    assert elements(html, text="خبر منشور")
    assert elements(html, "span", class_="desk-status desk-status--published")
    assert {e.text for e in elements(html, "bdi")} >= {"رويترز", "وكالات"}
    assert elements(html, "td", text="amal")
    assert elements(html, id="date-hierarchy-label")


def test_article_list_query_count_does_not_grow(client):
    user = editor()
    client.force_login(user)
    sources = [make_source() for _ in range(3)]

    def add(count):
        for number in range(count):
            make_article(
                headline=f"خبر {number}",
                sources=sources[: number % 3 + 1],
                updated_by=user,
                status=["draft", "review", "published"][number % 3],
            )

    add(3)
    few, _html = queries_for(client, "/admin/articles/article/")
    add(40)
    many, html = queries_for(client, "/admin/articles/article/")
    assert many == few
    assert html.count('class="desk-status') == 43
    filtered_few, _ = queries_for(
        client, "/admin/articles/article/", state="live", q="خبر"
    )
    add(10)
    filtered_many, _ = queries_for(
        client, "/admin/articles/article/", state="live", q="خبر"
    )
    assert filtered_many == filtered_few


def test_dashboard_lists_drafts_review_scheduled_and_published(client):
    me = editor("me")
    client.force_login(me)
    mine = make_article(headline="مسودتي", created_by=me)
    waiting = make_article(headline="تنتظر المراجعة", status="review")
    soon = make_article(
        headline="مجدولة",
        status="published",
        published_at=timezone.now() + timezone.timedelta(hours=3),
    )
    live = make_article(headline="منشورة", status="published")
    make_article(headline="مسودة زميل")
    few, html = queries_for(client, "/admin/")
    for article in (mine, waiting, soon, live):
        assert elements(html, "a", href=f"/admin/articles/article/{article.pk}/change/")
    assert "مسودة زميل" not in html
    assert elements(html, "a", href="/admin/articles/article/?state=review")
    for number in range(12):
        make_article(headline=f"مراجعة {number}", status="review")
    many, _ = queries_for(client, "/admin/")
    assert many == few


def test_preview_shows_a_draft_as_readers_will_see_it(client):
    client.force_login(reporter())
    article = make_article(
        headline="مسودة للمعاينة",
        body="فقرة أولى.\n\n[[صورة 1]]\n\n## عنوان فرعي\nفقرة ثانية.",
        sources=[make_source(name="وكالات")],
    )
    make_caption(
        article, position=1, text="تعليق الصورة", credit=make_source(name="رويترز")
    )
    response = client.get(f"/admin/articles/article/{article.pk}/preview/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response.templates[0].name == "public/article_detail.html"
    html = response.content.decode()
    assert "مسودة للمعاينة" in html
    assert (
        html.index("فقرة أولى.")
        < html.index("تعليق الصورة")
        < html.index("عنوان فرعي")
        < html.index("فقرة ثانية.")
    )
    assert "رويترز" in html and "وكالات" in html
    # Readers themselves still cannot see the draft.
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_change_form_shows_word_count_and_body_help(client):
    client.force_login(editor())
    article = make_article(body="كلمة واحدة اثنتان.\n\n## عنوان فرعي\n\n[[صورة 1]]")
    response = client.get(change_url(article))
    assertContains(
        response,
        '<output class="desk-word-count" data-for="id_body">5</output>',
        html=True,
    )
    assertContains(response, "[[صورة 2]]")  # the notation's help
    assert elements(response, "script", src="/static/admin-desk/desk.js")


def test_publish_button_names_what_to_fix_and_keeps_the_edit(client):
    client.force_login(editor())
    article = make_article(status="review")
    response = client.post(
        change_url(article),
        article_form_data(article, standfirst="ملخص جديد", _transition="publish"),
        follow=True,
    )
    article.refresh_from_db()
    assert article.standfirst == "ملخص جديد"
    assert article.status == "review"
    messages = [str(m) for m in response.context["messages"]]
    assert any(article.headline in m and "المصدر" in m for m in messages), messages


def test_publish_button_with_a_future_time_schedules(client):
    client.force_login(editor())
    article = make_article(status="review", sources=[make_source()])
    tomorrow = timezone.localtime() + timezone.timedelta(days=1)
    response = client.post(
        change_url(article),
        article_form_data(
            article,
            published_at_0=tomorrow.strftime("%Y-%m-%d"),
            published_at_1="09:30:00",
            _transition="publish",
            _transition_note="للنشر صباحا",
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled
    transition = article.transitions.get()
    assert (transition.action, transition.note) == ("schedule", "للنشر صباحا")


def open_url(article):
    return f"/admin/articles/article/{article.pk}/open/"


def test_someone_else_opened_this_article_notice(client):
    article = make_article()
    client.force_login(editor("basel"))
    assert client.post(open_url(article)).status_code == 204
    client.force_login(editor("amal"))
    html = client.get(change_url(article)).content.decode()
    (notice,) = elements(html, "div", class_="desk-notice desk-notice--presence")
    assert "basel" in notice.text


def test_opening_the_change_form_writes_nothing(client):
    article = make_article()
    client.force_login(editor("basel"))
    client.get(change_url(article))
    assert not ArticlePresence.objects.exists()
    assert Article.objects.get().version == article.version


def test_only_a_post_from_someone_who_may_see_it_marks_an_article_open(client):
    article = make_article()
    client.force_login(editor("basel"))
    assert client.get(open_url(article)).status_code == 405
    assert client.post("/admin/articles/article/999999/open/").status_code == 404
    client.logout()
    assert client.post(open_url(article)).status_code == 302  # to the login page
    assert not ArticlePresence.objects.exists()


def test_submit_button_for_a_reporters_own_draft(client):
    me = reporter("me")
    client.force_login(me)
    article = make_article(created_by=me)
    html = client.get(change_url(article)).content.decode()
    assert elements(html, "button", name="_transition", value="submit")
    assert not elements(html, name="_transition", value="publish")
    client.post(change_url(article), article_form_data(article, _transition="submit"))
    article.refresh_from_db()
    assert article.status == "review"


def test_list_action_reports_each_refusal(client):
    client.force_login(editor())
    good = make_article(headline="جاهز", status="review", sources=[make_source()])
    bad = make_article(headline="بلا مصدر", status="review")
    response = client.post(
        "/admin/articles/article/",
        {"action": "publish_articles", "_selected_action": [good.pk, bad.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert Article.objects.get(pk=good.pk).status == "published"
    assert Article.objects.get(pk=bad.pk).status == "review"
    assert any("بلا مصدر" in m for m in messages), messages


def test_article_list_links_to_the_import_screen(client):
    client.force_login(editor())
    response = client.get("/admin/articles/article/")
    assert elements(response, "a", href="/admin/articles/article/import/")


def test_article_published_by_service_is_shown_live_on_the_change_form(client):
    user = editor()
    client.force_login(user)
    article = make_article(sources=[make_source()])
    article_submit(article, by=user)
    article_publish(article, by=user)
    response = client.get(change_url(article))
    assert elements(
        response, "a", href=article.get_absolute_url(), class_="viewsitelink"
    )


# Addresses that name nothing ------------------------------------------------------
# An id that is not a number, or names no row, is answered like the admin's own
# pages answer it: back to the index with a message, never an error page.


MISSING_IDS = ["abc", "999999"]


def warned(response, object_id):
    messages = [str(m) for m in response.context["messages"]]
    return (
        f"لم يُعثر على مقال بالمعرّف «{object_id}». ربما حُذف ما تبحث عنه." in messages
    ), messages


@pytest.mark.parametrize("object_id", MISSING_IDS)
@pytest.mark.parametrize(
    ("method", "tail"),
    [
        ("get", "change/"),
        ("get", "preview/"),
        ("get", "history/"),
        ("get", "history/?from=1&to=2"),
        ("get", "history/1/restore/"),
        ("post", "history/1/restore/"),
        ("get", "delete/"),
        ("post", "change/"),
    ],
)
def test_article_pages_of_an_id_that_names_no_article(client, object_id, method, tail):
    client.force_login(chief())
    url = f"/admin/articles/article/{object_id}/{tail}"
    data = {"_transition": "publish", "loaded_version": "1"}
    response = getattr(client, method)(url, data if method == "post" else None)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    found, messages = warned(client.get("/admin/"), object_id)
    assert found, messages


@pytest.mark.parametrize("object_id", MISSING_IDS)
def test_image_and_source_pages_of_an_id_that_names_nothing(client, object_id):
    client.force_login(chief())
    for model in ("image", "source"):
        response = client.get(f"/admin/articles/{model}/{object_id}/change/")
        assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_comparing_revisions_that_do_not_exist_shows_the_latest_two(client):
    user = chief()
    client.force_login(user)
    article = make_article(headline="الأول")
    article_save(article, by=user)
    article.headline = "الثاني"
    article_save(article, by=user)
    for compare in ({"from": "abc", "to": "x"}, {"from": "999998", "to": "999999"}):
        response = client.get(f"/admin/articles/article/{article.pk}/history/", compare)
        assert response.status_code == 200
        assert response.context["changes"], compare


@pytest.mark.parametrize("selected", [["abc"], ["999999"], ["abc", "{article}"]])
def test_list_actions_on_ids_that_name_no_article(client, selected):
    client.force_login(chief())
    article = make_article(status="review", sources=[make_source()])
    picked = [value.format(article=article.pk) for value in selected]
    response = client.post(
        "/admin/articles/article/",
        {"action": "publish_articles", "_selected_action": picked},
        follow=True,
    )
    assert response.redirect_chain == [("/admin/articles/article/", 302)]
    assert Article.objects.get(pk=article.pk).status == "review" or picked == [
        str(article.pk)
    ]
    assert not ArticleTransition.objects.exists()
    if "abc" in picked:
        assert [str(m) for m in response.context["messages"]] == [
            "يشير التحديد إلى عناصر غير موجودة، فلم يتغيّر شيء."
        ]


def test_a_change_form_action_for_another_id_is_a_bad_request(client):
    client.force_login(chief())
    article = make_article(status="review", sources=[make_source()])
    for selected in ("abc", "999999"):
        response = client.post(
            change_url(article),
            {"CHANGE_FORM-action": "publish_articles", "_selected_action": selected},
        )
        assert response.status_code == 400
    assert Article.objects.get(pk=article.pk).status == "review"


# The change form's queries do not grow with its figures --------------------------


# Arabic everywhere, with the right agreement ------------------------------------


def test_merging_sources_from_the_desk_shows_what_moves_then_merges(client):
    client.force_login(chief())
    reuters, other = make_source(name="رويترز"), make_source(name="رويتر")
    article = make_article(sources=[other])
    data = {"action": "merge_sources", "_selected_action": [reuters.pk, other.pk]}
    page = client.post("/admin/articles/source/", data)
    html = page.content.decode()
    assert {r.attrs["value"] for r in elements(html, "input", name="into")} == {
        str(reuters.pk),
        str(other.pk),
    }
    (action,) = elements(html, "input", type="hidden", name="action")
    assert action.attrs["value"] == "merge_sources"
    labels = {
        label.attrs["for"]: label.text.strip()
        for label in elements(html, "label")
        if (label.attrs.get("for") or "").startswith("into-")
    }
    assert labels == {f"into-{reuters.pk}": "رويترز", f"into-{other.pk}": "رويتر"}
    response = client.post(
        "/admin/articles/source/", {**data, "confirm": "yes", "into": reuters.pk}
    )
    assert response.status_code == 302
    assert list(article.sources.all()) == [reuters]
    assert reuters.aliases.filter(name="رويتر").exists()


@pytest.mark.parametrize("selected", [["abc", "{one}"], ["999999", "{one}"]])
def test_merging_sources_named_by_ids_that_do_not_exist(client, selected):
    client.force_login(chief())
    one, two = make_source(name="رويترز"), make_source(name="رويتر")
    picked = [value.format(one=one.pk) for value in selected]
    response = client.post(
        "/admin/articles/source/",
        {"action": "merge_sources", "_selected_action": picked},
        follow=True,
    )
    assert response.status_code == 200
    assert set(Source.objects.values_list("pk", flat=True)) == {one.pk, two.pk}
    for into in ("abc", "999999"):
        response = client.post(
            "/admin/articles/source/",
            {
                "action": "merge_sources",
                "_selected_action": [one.pk, two.pk],
                "confirm": "yes",
                "into": into,
            },
        )
        assert response.status_code == 200
        assert response.context["form"].errors["into"]
    assert Source.objects.count() == 2


def test_every_inline_of_the_article_form_is_stored_by_article_update():
    """``save_related`` saves no formset on its own: the figures and the authors go
    into ``article_update``. An inline added without joining them would be lost."""
    assert [inline.formset for inline in ArticleAdmin.inlines] == [
        CaptionInlineFormSet,
        ArticleAuthorFormSet,
    ]
