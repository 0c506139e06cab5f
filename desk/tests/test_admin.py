import pytest
from pytest_django.asserts import assertContains

from articles.tests.factories import make_user
from articles.tests.html import elements

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


def test_public_pages_stay_arabic_even_after_choosing_english_in_the_admin(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    response = client.get("/", headers={"accept-language": "en"})
    assert elements(response, "html", lang="ar", dir="rtl")


# The desk's screens ----------------------------------------------------------------

import re  # noqa: E402

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, ArticlePresence  # noqa: E402
from articles.services import article_publish, article_submit  # noqa: E402
from articles.tests.factories import (  # noqa: E402  # noqa: E402
    editor,
    make_article,
    make_caption,
    make_source,
    reporter,
)
from desk.tests.desk_forms import article_form_data, change_url  # noqa: E402


def queries_for(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


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
        tag = re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*>', html)
        assert tag and 'dir="auto"' in tag.group(0), name
    listing = client.get("/admin/articles/article/").content.decode()
    assert re.search(r'<input[^>]*id="searchbar"[^>]*dir="auto"', listing)


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


@pytest.mark.parametrize("term", ["الرئيسُ", "الـرئيس", "اسيوط", "إسيوط", "يزور آسيوط"])
def test_search_ignores_harakat_tatweel_and_hamza(client, term):
    client.force_login(editor())
    make_article(headline="الرئيس يزور أسيوط")
    make_article(headline="خبر آخر", body="نص في موضوع مختلف تماما.")
    html = client.get("/admin/articles/article/", {"q": term}).content.decode()
    assert "الرئيس يزور أسيوط" in html
    assert "خبر آخر" not in html


def test_search_by_number_finds_the_article(client):
    client.force_login(editor())
    article = make_article(headline="خبر له رقم")
    html = client.get(
        "/admin/articles/article/", {"q": str(article.pk)}
    ).content.decode()
    assert "خبر له رقم" in html


def test_list_filters_status_scheduled_and_mine(client):
    me = reporter("me")
    client.force_login(me)
    make_article(headline="مسودتي", created_by=me)
    make_article(headline="مسودة غيري")
    make_article(headline="منشور الآن", status="published")
    make_article(
        headline="مجدول غدا",
        status="published",
        published_at=timezone.now() + timezone.timedelta(days=1),
    )

    def headlines(**params):
        html = client.get("/admin/articles/article/", params).content.decode()
        return {
            h for h in ["مسودتي", "مسودة غيري", "منشور الآن", "مجدول غدا"] if h in html
        }

    assert headlines(mine="1") == {"مسودتي"}
    assert headlines(state="draft") == {"مسودتي", "مسودة غيري"}
    assert headlines(state="scheduled") == {"مجدول غدا"}
    assert headlines(state="live") == {"منشور الآن"}


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


def test_reordering_figures_keeps_each_marker_on_its_figure(client):
    client.force_login(editor())
    article = make_article(
        body="مقدمة.\n\n[[صورة 1]]\n\nوسط.\n\n[[صورة 2]]\n\nخاتمة.",
        sources=[make_source()],
    )
    arrival = make_caption(article, position=1, text="الوصول")
    meeting = make_caption(article, position=2, text="الاجتماع")
    data = article_form_data(article)
    data.update({"captions-0-position": 2, "captions-1-position": 1})
    response = client.post(change_url(article), data, follow=True)
    assert response.status_code == 200
    arrival.refresh_from_db()
    meeting.refresh_from_db()
    article.refresh_from_db()
    assert (arrival.position, meeting.position) == (2, 1)
    assert article.body == "مقدمة.\n\n[[صورة 2]]\n\nوسط.\n\n[[صورة 1]]\n\nخاتمة."
    layout = [item.caption.text for item in article.layout() if item.kind == "figure"]
    assert layout == ["الوصول", "الاجتماع"]  # each photo stays by its paragraph


def test_removing_a_figure_removes_its_marker(client):
    client.force_login(editor())
    article = make_article(
        body="مقدمة.\n\n[[صورة 1]]\n\nوسط.\n\n[[صورة 2]]\n\nخاتمة.",
        sources=[make_source()],
    )
    make_caption(article, position=1, text="الأولى")
    make_caption(article, position=2, text="الثانية")
    data = article_form_data(article, **{"captions-0-DELETE": "on"})
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.body == "مقدمة.\n\nوسط.\n\n[[صورة 2]]\n\nخاتمة."
    assert list(article.captions.values_list("text", flat=True)) == ["الثانية"]


def test_two_figures_with_the_same_number_are_refused(client):
    client.force_login(editor())
    article = make_article()
    make_caption(article, position=1)
    make_caption(article, position=2)
    data = article_form_data(article, **{"captions-1-position": 1})
    assert client.post(change_url(article), data).status_code == 200
    assert sorted(article.captions.values_list("position", flat=True)) == [1, 2]


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


def test_search_counts_at_most_its_cap_and_says_so(client, monkeypatch):
    from desk.admin import articles as article_admin

    monkeypatch.setattr(article_admin.SearchPaginator, "cap", 2)
    monkeypatch.setattr(article_admin.ArticleAdmin, "search_count_cap", 2)
    client.force_login(editor())
    for number in range(4):
        make_article(headline=f"خبر مشترك {number}")
    html = client.get("/admin/articles/article/", {"q": "مشترك"}).content.decode()
    assert "أكثر من 2 نتيجة" in html
    assert len(elements(html, "span", class_="desk-status")) == 4
    # No date drill-down while searching: it would read every matching article.
    assert not elements(html, id="date-hierarchy-label")
    assert elements(client.get("/admin/articles/article/"), id="date-hierarchy-label")


# Addresses that name nothing ------------------------------------------------------
# An id that is not a number, or names no row, is answered like the admin's own
# pages answer it: back to the index with a message, never an error page.

from articles.models import ArticleTransition, Source  # noqa: E402
from articles.services import article_save  # noqa: E402
from articles.tests.factories import chief  # noqa: E402

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


# The change form's queries do not grow with its figures --------------------------

from articles.tests.factories import reporter as make_reporter  # noqa: E402

#: Session, user, article with its sources, permissions (2), figures, others'
#: presence, figures for the checks,
#: "is it live", the sources' autocomplete. A reporter's form also asks which of
#: the figures' photos they may change.
CHANGE_FORM_QUERIES = {"editor": 11, "reporter": 12}


@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_change_form_queries_do_not_grow_with_its_figures(
    client, django_assert_num_queries, role
):
    user = editor() if role == "editor" else make_reporter()
    client.force_login(user)
    article = make_article(created_by=user, sources=[make_source(name="وكالات")])
    for count in (1, 8):
        while article.captions.count() < count:
            number = article.captions.count() + 1
            make_caption(
                article,
                position=number,
                alt_text=f"صورة رقم {number}",
                credit=make_source(name=f"مصور {number}"),
            )
        with django_assert_num_queries(CHANGE_FORM_QUERIES[role]):
            html = client.get(change_url(article)).content.decode()
        for number in range(1, count + 1):
            caption = article.captions.get(position=number)
            assert (
                f'<option value="{caption.image_id}" selected>صورة رقم {number}</option>'
                in html
            )
            assert (
                f'<option value="{caption.credit_id}" selected>مصور {number}</option>'
                in html
            )


# Arabic everywhere, with the right agreement ------------------------------------

import json  # noqa: E402
from html import unescape  # noqa: E402

from articles.models import Image  # noqa: E402


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
