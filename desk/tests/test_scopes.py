"""Desk scoping: staff limited to some sections see, edit, publish and arrange only
those sections' articles and fronts, however a request is made; the unscoped keep
the whole desk; the chief sets scopes, and the audit trail records them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article, Correction, DeskScope, FrontPage
from articles.services import article_update
from articles.services.front_page import front_page_arrange
from articles.services.workflow import TransitionForbidden, article_transition
from articles.tests.factories import (
    chief,
    editor,
    make_article,
    make_section,
    make_source,
    reporter,
)
from audit.models import AuditEvent
from desk.tests.desk_forms import article_form_data
from ingest.services import ImportStatus, article_import

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"


@pytest.fixture
def sections():
    sport = make_section("كرة القدم")
    return {
        "sport": sport,
        "local": make_section("دوري المحافظات", parent=sport),
        "economy": make_section("الأسواق"),
    }


@pytest.fixture
def scoped(client, sections):
    """An editor limited to football (and so its subsection), signed in."""
    user = editor()
    DeskScope.objects.create(user=user).sections.set([sections["sport"]])
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def stories(sections):
    source = make_source("وكالات")
    return {
        name: make_article(headline=headline, section=sections[name], sources=[source])
        for name, headline in (
            ("sport", "نتيجة المباراة"),
            ("local", "دوري المحافظات يبدأ"),
            ("economy", "سعر النفط"),
        )
    }


def test_a_scoped_editor_lists_only_their_sections_articles(scoped, stories):
    html = scoped.get(ARTICLES).content.decode()
    assert "نتيجة المباراة" in html and "دوري المحافظات يبدأ" in html
    assert "سعر النفط" not in html


def test_an_unscoped_editor_keeps_the_whole_desk(client, stories):
    client.force_login(editor())
    html = client.get(ARTICLES).content.decode()
    assert all(h in html for h in ("نتيجة المباراة", "سعر النفط"))


def test_an_empty_scope_is_no_limit(client, stories):
    user = editor()
    DeskScope.objects.create(user=user)
    client.force_login(user)
    assert "سعر النفط" in client.get(ARTICLES).content.decode()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "change/"),
        ("get", "history/"),
        ("get", "preview/"),
        ("post", "live-preview/"),
        ("post", "open/"),
        ("post", "correct/"),
        ("post", "style-fix/"),
        ("post", "delete/"),
    ],
)
def test_an_article_outside_the_scope_cannot_be_opened(scoped, stories, method, path):
    other = stories["economy"]
    response = getattr(scoped, method)(f"{ARTICLES}{other.pk}/{path}")
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:  # the admin's "no such article" redirect
        assert response["Location"] == "/admin/"
    assert Article.objects.filter(pk=other.pk, headline="سعر النفط").exists()
    own = scoped.get(f"{ARTICLES}{stories['sport'].pk}/change/")
    assert own.status_code == 200


def test_a_direct_post_cannot_save_an_article_outside_the_scope(scoped, stories):
    other = stories["economy"]
    data = article_form_data(other, headline="عنوان مزور")
    response = scoped.post(f"{ARTICLES}{other.pk}/change/", data)
    assert response.status_code in (302, 404)
    other.refresh_from_db()
    assert other.headline == "سعر النفط"


def test_an_article_cannot_be_moved_into_a_section_outside_the_scope(
    scoped, stories, sections
):
    own = stories["sport"]
    for field, value in (
        ("section", sections["economy"].pk),
        ("sections", [sections["economy"].pk]),
        ("section", ""),
    ):
        data = article_form_data(own, **{field: value})
        response = scoped.post(f"{ARTICLES}{own.pk}/change/", data)
        assert response.status_code == 200  # the form again, with its error
        assert response.context["adminform"].form.errors[field]
    own.refresh_from_db()
    assert own.section == sections["sport"] and not own.sections.exists()
    data = article_form_data(own, section=sections["local"].pk)
    assert scoped.post(f"{ARTICLES}{own.pk}/change/", data).status_code == 302


def test_a_scoped_editor_creates_articles_only_in_their_sections(
    scoped, sections, stories
):
    new = Article(headline="خبر جديد", body="نص الخبر.")
    for section in ("", sections["economy"].pk):
        data = article_form_data(new, captions=[], section=section)
        assert scoped.post(f"{ARTICLES}add/", data).status_code == 200
    assert not Article.objects.filter(headline="خبر جديد").exists()
    data = article_form_data(new, captions=[], section=sections["sport"].pk)
    assert scoped.post(f"{ARTICLES}add/", data).status_code == 302
    assert Article.objects.get(headline="خبر جديد").section == sections["sport"]


def test_bulk_publishing_skips_articles_outside_the_scope(scoped, stories):
    picked = [stories["sport"].pk, stories["economy"].pk]
    scoped.post(ARTICLES, {"action": "publish_articles", "_selected_action": picked})
    statuses = dict(Article.objects.values_list("headline", "status"))
    assert statuses["نتيجة المباراة"] == "published"
    assert statuses["سعر النفط"] == "draft"


def test_services_refuse_a_scoped_user_outside_their_sections(
    scoped, stories, sections
):
    user = scoped.user
    with pytest.raises(TransitionForbidden):
        article_transition(stories["economy"], action="publish", by=user)
    with pytest.raises(PermissionDenied):
        article_update(stories["economy"], by=user)
    own = stories["sport"]
    own.section = sections["economy"]
    with pytest.raises(PermissionDenied):
        article_update(own, by=user)
    stories["economy"].section = sections["sport"]  # in memory only: still refused
    with pytest.raises(PermissionDenied):
        article_update(stories["economy"], by=user)


def test_autosave_refuses_an_article_outside_the_scope(scoped, stories):
    other = stories["economy"]
    response = scoped.post(
        f"{ARTICLES}autosave/",
        {"article": other.pk, "version": other.version, "tab": "t", "body": "x"},
    )
    assert response.status_code == 404


def test_autocomplete_offers_only_the_scope(scoped, stories, sections):
    Article.objects.update(status="published", published_at=timezone.now())
    articles = scoped.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "frontpageslot",
            "field_name": "article",
        },
    ).json()["results"]
    assert {a["text"] for a in articles} == {"نتيجة المباراة", "دوري المحافظات يبدأ"}
    found = scoped.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "section"},
    ).json()["results"]
    assert {s["text"] for s in found} == {"كرة القدم", "دوري المحافظات"}


def test_a_scoped_editor_arranges_only_their_sections_fronts(scoped, stories, sections):
    Article.objects.update(status="published", published_at=timezone.now())
    user = scoped.user
    with pytest.raises(PermissionDenied):
        front_page_arrange([stories["sport"]], by=user)  # the home page
    economy = Article.objects.get(pk=stories["economy"].pk)
    with pytest.raises(PermissionDenied):
        front_page_arrange([economy], by=user, section=sections["economy"])
    sport = Article.objects.get(pk=stories["sport"].pk)
    front_page_arrange([sport], by=user, section=sections["sport"])
    front_page_arrange([economy], by=editor("other"))
    history = scoped.get("/admin/articles/frontpage/").content.decode()
    assert "نتيجة المباراة" in history and "سعر النفط" not in history
    # A direct post for the home page, or with another section's story, is refused.
    data = {
        "goes_live_at_0": "2026-01-01",
        "goes_live_at_1": "10:00:00",
        "slots-TOTAL_FORMS": 1,
        "slots-INITIAL_FORMS": 0,
        "slots-0-article": stories["economy"].pk,
        "slots-0-position": 0,
    }
    for section in ("", sections["sport"].pk, sections["economy"].pk):
        response = scoped.post(
            "/admin/articles/frontpage/add/", {**data, "section": section}
        )
        assert response.status_code == 200
    assert FrontPage.objects.count() == 2


def test_the_dashboard_lists_only_the_scope(scoped, stories):
    for story in stories.values():
        story.status = "review"
        story.save()
    html = scoped.get("/admin/").content.decode()
    assert "نتيجة المباراة" in html and "سعر النفط" not in html


@pytest.mark.parametrize(
    ("who", "allowed"), [("reporter", False), ("editor", False), ("chief", True)]
)
def test_only_the_chief_sets_scopes(client, sections, who, allowed):
    client.force_login({"reporter": reporter, "editor": editor, "chief": chief}[who]())
    target = reporter("target")
    response = client.post(
        "/admin/articles/deskscope/add/",
        {"user": target.pk, "sections": [sections["sport"].pk]},
    )
    assert DeskScope.objects.filter(user=target).exists() == allowed
    assert response.status_code == (302 if allowed else 403)


def test_the_audit_trail_records_scope_changes(client, sections):
    client.force_login(chief())
    target = editor("target")
    client.post(
        "/admin/articles/deskscope/add/",
        {"user": target.pk, "sections": [sections["sport"].pk]},
    )
    scope = DeskScope.objects.get(user=target)
    client.post(f"/admin/articles/deskscope/{scope.pk}/delete/", {"post": "yes"})
    events = AuditEvent.objects.filter(action="scope_changed").order_by("at", "pk")
    assert [(e.subject, e.details["change"]) for e in events] == [
        ("target", "add"),
        ("target", "clear"),
    ]
    assert events[0].details["names"] == ["كرة القدم"]
    assert events[0].actor.username == "chief"


def test_import_results_name_no_article_outside_the_scope(
    scoped, desk_sources, seed_bytes
):
    url = f"{ARTICLES}import/"
    upload = SimpleUploadedFile("seed.txt", seed_bytes, content_type="text/plain")
    token = scoped.post(url, {"files": [upload]}).context["token"]
    response = scoped.post(url, {"confirm": "1", "token": token})
    article = Article.objects.get()  # imported without a section: not theirs
    html = response.content.decode()
    assert f"{ARTICLES}{article.pk}/change/" not in html
    assert article.headline not in html
    assert "خارج الأقسام التي تعمل فيها" in html


def test_an_import_never_updates_a_piece_outside_the_scope(
    scoped, desk_sources, seed_bytes
):
    first = article_import(seed_bytes, filename="000_4f78182034c9b7d2.txt")
    corrected = seed_bytes.replace("عدة معسكرات".encode(), "عدة معسكرات مهمة".encode())
    result = article_import(
        corrected, filename="000_4f78182034c9b7d2.txt", user=scoped.user
    )
    assert result.status == ImportStatus.FAILED
    assert "عدة معسكرات مهمة" not in Article.objects.get(pk=first.article.pk).body


def test_the_corrections_list_shows_only_the_scope(scoped, stories):
    for story in stories.values():
        Correction.objects.create(article=story, text=f"تصحيح: {story.headline}")
    html = scoped.get("/admin/articles/correction/").content.decode()
    assert "تصحيح: نتيجة المباراة" in html and "تصحيح: سعر النفط" not in html


def test_the_section_filter_offers_only_the_scope(scoped, stories, sections):
    html = scoped.get(ARTICLES).content.decode()
    assert f"section__id__exact={sections['sport'].pk}" in html
    assert f"section__id__exact={sections['economy'].pk}" not in html


def test_the_desk_screens_open_for_a_scoped_editor_and_the_chief(scoped, sections):
    assert scoped.get("/admin/articles/frontpage/add/").status_code == 200
    assert scoped.get(f"{ARTICLES}add/").status_code == 200
    assert scoped.get("/admin/articles/deskscope/").status_code == 403
    scoped.force_login(chief())  # the same browser, now the chief
    assert scoped.get("/admin/articles/deskscope/").status_code == 200
    html = scoped.get("/admin/articles/deskscope/").content.decode()
    assert "كرة القدم" in html  # the scoped editor's sections
    assert scoped.get("/admin/articles/deskscope/add/").status_code == 200
