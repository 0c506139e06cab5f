"""The permission matrix: anonymous, reporter (author or not), editor and chief editor
against every transition and every admin page, checked on the server."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import Article, ArticleTransition, Image, Source
from articles.tests.factories import (
    chief,
    editor,
    make_article,
    make_caption,
    make_source,
    make_staff,
    reporter,
)
from articles.tests.html import elements
from desk.tests.desk_forms import article_form_data, change_url

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "author", "reporter", "editor", "chief"]


@pytest.fixture
def people():
    return {
        "anonymous": None,
        "author": reporter("author"),
        "reporter": reporter("other-reporter"),
        "editor": editor(),
        "chief": chief(),
    }


def login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


# Transitions ---------------------------------------------------------------

STARTS = {
    "submit": "draft",
    "return": "review",
    "publish": "review",
    "schedule": "review",
    "unpublish": "published",
    "archive": "published",
    "restore": "archived",
}
ENDS = {
    "submit": "review",
    "return": "draft",
    "publish": "published",
    "schedule": "published",
    "unpublish": "draft",
    "archive": "archived",
    "restore": "draft",
}
ALLOWED = {
    "anonymous": set(),
    "author": {"submit", "return"},
    "reporter": set(),
    "editor": set(STARTS),
    "chief": set(STARTS),
}


def article_in(action, author):
    status = STARTS[action]
    published_at = None
    if status == "published":
        published_at = timezone.now() - timezone.timedelta(hours=1)
    if action == "schedule":
        published_at = timezone.now() + timezone.timedelta(days=1)
    return make_article(
        status=status,
        published_at=published_at,
        created_by=author,
        sources=[make_source()],
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(STARTS))
def test_transition_from_the_change_form(client, people, role, action):
    """The change form shows a button for each allowed move and nothing else; a
    button saves the form first when the user may edit the article."""
    article = article_in(action, people["author"])
    login(client, people, role)
    html = client.get(change_url(article)).content.decode()
    save_and_move = bool(elements(html, name="_transition", value=action))
    move_only = bool(
        elements(html, name="CHANGE_FORM-action", value=f"{action}_articles")
    )
    assert (save_and_move or move_only) is (action in ALLOWED[role])
    if move_only:
        data = {
            "CHANGE_FORM-action": f"{action}_articles",
            "_selected_action": article.pk,
        }
    else:
        # Allowed: what the button posts. Refused: what a hand-made request posts.
        data = article_form_data(article, _transition=action)
    response = client.post(change_url(article), data)
    article.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    if action in ALLOWED[role]:
        assert response.status_code == 302
        assert article.status == ENDS[action]
        assert ArticleTransition.objects.filter(
            article=article, by=people[role]
        ).exists()
    else:
        assert article.status == STARTS[action]
        assert not ArticleTransition.objects.exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", [a for a in STARTS if a != "schedule"])
def test_transition_posted_by_hand_as_a_list_action(client, people, role, action):
    """A reporter posting a publish by hand gets refused (and so on for each role)."""
    article = article_in(action, people["author"])
    login(client, people, role)
    client.post(
        "/admin/articles/article/",
        {"action": f"{action}_articles", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    expected = ENDS[action] if action in ALLOWED[role] else STARTS[action]
    assert article.status == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", [a for a in STARTS if a != "schedule"])
def test_transition_posted_by_hand_as_a_change_form_action(
    client, people, role, action
):
    article = article_in(action, people["author"])
    login(client, people, role)
    client.post(
        change_url(article),
        {"CHANGE_FORM-action": f"{action}_articles", "_selected_action": article.pk},
    )
    article.refresh_from_db()
    expected = ENDS[action] if action in ALLOWED[role] else STARTS[action]
    assert article.status == expected


# Editing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "whose", "status", "can_edit"),
    [
        ("author", "own", "draft", True),
        ("author", "own", "review", False),
        ("author", "own", "published", False),
        ("reporter", "other", "draft", False),
        ("editor", "other", "published", True),
        ("chief", "other", "review", True),
        ("anonymous", "other", "draft", False),
    ],
)
def test_who_may_save_an_article(client, people, role, whose, status, can_edit):
    author = people["author"] if whose == "own" else reporter("someone")
    published_at = timezone.now() if status == "published" else None
    article = make_article(created_by=author, status=status, published_at=published_at)
    login(client, people, role)
    data = article_form_data(article, headline="عنوان جديد", _save="1")
    response = client.post(change_url(article), data)
    article.refresh_from_db()
    assert (article.headline == "عنوان جديد") is can_edit
    if not can_edit and role != "anonymous":
        assert response.status_code == 403


def test_reporter_sees_others_articles_read_only(client, people):
    article = make_article(created_by=reporter("someone"))
    make_caption(article, position=1, alt_text="وصف الصورة للقراء")
    client.force_login(people["author"])
    html = client.get(change_url(article)).content.decode()
    assert not elements(html, name="headline")
    assert elements(html, text=article.headline)
    assert "وصف الصورة للقراء" in html
    assert "None" not in html and "Photo" not in html
    assert not elements(html, name="_transition")


def test_reporter_adds_and_submits_in_one_go(client, people):
    client.force_login(people["author"])
    data = article_form_data(
        Article(headline="خبر عاجل", body="نص.", version=1),
        captions=[],
        _transition="submit",
    )
    del data["loaded_version"]
    response = client.post("/admin/articles/article/add/", data)
    article = Article.objects.get(headline="خبر عاجل")
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    assert article.status == "review"


def test_reporter_cannot_set_a_publication_time(client, people):
    article = make_article(created_by=people["author"])
    client.force_login(people["author"])
    assert not elements(client.get(change_url(article)), name="published_at_0")
    soon = timezone.localtime() + timezone.timedelta(days=1)
    client.post(
        change_url(article),
        article_form_data(
            article,
            published_at_0=soon.strftime("%Y-%m-%d"),
            published_at_1="10:00:00",
        ),
    )
    article.refresh_from_db()
    assert article.published_at is None


def test_new_articles_belong_to_their_author(client, people):
    client.force_login(people["author"])
    data = article_form_data(Article(headline="خبر جديد", version=1), captions=[])
    del data["loaded_version"]
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302
    article = Article.objects.get(headline="خبر جديد")
    assert article.created_by == people["author"] == article.updated_by
    assert article.status == "draft"


# Every admin page ---------------------------------------------------------------

# Expected status codes for (author, other reporter, editor, chief).
EVERY_ROLE = (200, 200, 200, 200)
CHIEF_ONLY = (403, 403, 403, 200)
NOBODY = (403, 403, 403, 403)
PAGES = {
    "index": ("/admin/", EVERY_ROLE),
    "articles": ("/admin/articles/article/", EVERY_ROLE),
    "article_add": ("/admin/articles/article/add/", EVERY_ROLE),
    "article_change": ("/admin/articles/article/{article}/change/", EVERY_ROLE),
    "article_history": ("/admin/articles/article/{article}/history/", EVERY_ROLE),
    "article_preview": ("/admin/articles/article/{article}/preview/", EVERY_ROLE),
    "article_restore": (
        "/admin/articles/article/{article}/history/{revision}/restore/",
        (200, 403, 200, 200),
    ),
    "article_delete": ("/admin/articles/article/{article}/delete/", CHIEF_ONLY),
    "images": ("/admin/articles/image/", EVERY_ROLE),
    "image_add": ("/admin/articles/image/add/", EVERY_ROLE),
    "image_change": ("/admin/articles/image/{image}/change/", EVERY_ROLE),
    "image_delete": ("/admin/articles/image/{image}/delete/", CHIEF_ONLY),
    "sources": ("/admin/articles/source/", EVERY_ROLE),
    "source_add": ("/admin/articles/source/add/", CHIEF_ONLY),
    "source_change": ("/admin/articles/source/{source}/change/", EVERY_ROLE),
    "source_delete": ("/admin/articles/source/{source}/delete/", CHIEF_ONLY),
    "source_autocomplete": (
        "/admin/autocomplete/?app_label=articles&model_name=article&field_name=sources",
        EVERY_ROLE,
    ),
    "users": ("/admin/auth/user/", NOBODY),
    "groups": ("/admin/auth/group/", NOBODY),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_admin_page(client, people, role, page):
    article = make_article(created_by=people["author"])
    from articles.services import article_record_revision

    article_record_revision(article, by=people["author"])
    image = Image.objects.create(alt_text="صورة")
    source = Source.objects.create(name="مصدر للاختبار")
    template, expected = PAGES[page]
    url = template.format(
        article=article.pk,
        revision=article.revisions.first().pk,
        image=image.pk,
        source=source.pk,
    )
    login(client, people, role)
    response = client.get(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    else:
        roles = ["author", "reporter", "editor", "chief"]
        statuses = dict(zip(roles, expected, strict=True))
        assert response.status_code == statuses[role], url


def test_staff_without_a_role_sees_no_articles(client):
    client.force_login(make_staff("intern", None))
    assert client.get("/admin/articles/article/").status_code == 403
    assert client.get("/admin/").status_code == 200


def test_reporter_cannot_merge_or_confirm_sources(client, people):
    one, two = make_source(name="رويترز"), make_source(name="رويتر")
    two.is_confirmed = False
    two.save()
    client.force_login(people["author"])
    client.post(
        "/admin/articles/source/",
        {
            "action": "merge_sources",
            "_selected_action": [one.pk, two.pk],
            "confirm": "yes",
            "into": one.pk,
        },
    )
    client.post(
        "/admin/articles/source/",
        {"action": "confirm_sources", "_selected_action": [two.pk]},
    )
    assert Source.objects.filter(pk=two.pk, is_confirmed=False).exists()


# Photos ------------------------------------------------------------------------
# A photo shows in every article that uses it: a reporter changes only a photo used
# in nothing but their own drafts (or used nowhere yet and uploaded by them).

from articles.services import article_save_figures, image_attach_file  # noqa: E402
from articles.services.figures import FigureInput  # noqa: E402
from articles.tests.factories import upload  # noqa: E402

ALT_TEXT_LOCKED = (
    "هذه الصورة مستخدمة أيضًا في مقالات لا يمكنك تعديلها: لا يغيّر نصها البديل إلا محرر."
)


def photo_used_in(*articles, uploaded_by=None):
    image = Image.objects.create(alt_text="النص البديل الأصلي", uploaded_by=uploaded_by)
    for article in articles:
        make_caption(article, position=article.captions.count() + 1, image=image)
    return image


PHOTO_CASES = {
    # case: who may change the photo
    "in_the_authors_draft": {"author", "editor", "chief"},
    "in_the_authors_draft_and_a_published_article": {"editor", "chief"},
    "in_the_authors_article_in_review": {"editor", "chief"},
    "unused_uploaded_by_the_author": {"author", "editor", "chief"},
    "unused_uploaded_by_nobody": {"editor", "chief"},
}


def photo_case(case, author):
    draft = make_article(created_by=author)
    if case == "in_the_authors_draft":
        return photo_used_in(draft)
    if case == "in_the_authors_draft_and_a_published_article":
        return photo_used_in(draft, make_article(status="published"))
    if case == "in_the_authors_article_in_review":
        return photo_used_in(make_article(created_by=author, status="review"))
    if case == "unused_uploaded_by_the_author":
        return photo_used_in(uploaded_by=author)
    return photo_used_in()


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
@pytest.mark.parametrize("case", list(PHOTO_CASES))
def test_who_may_change_a_photo_in_the_library(client, people, role, case):
    image = photo_case(case, people["author"])
    login(client, people, role)
    url = f"/admin/articles/image/{image.pk}/change/"
    may_change = role in PHOTO_CASES[case]
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert bool(elements(html, name="alt_text")) is may_change
    if not may_change:
        assert "النص البديل الأصلي" in html
        assert "None" not in html and "Photo" not in html
    response = client.post(url, {"alt_text": "نص بديل جديد", "credit": ""})
    image.refresh_from_db()
    if may_change:
        assert response.status_code == 302
        assert image.alt_text == "نص بديل جديد"
    else:
        assert response.status_code == 403
        assert image.alt_text == "النص البديل الأصلي"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_reporter_cannot_replace_a_shared_photo_through_the_service(people, media_root):
    image = photo_case("in_the_authors_draft_and_a_published_article", people["author"])
    with pytest.raises(PermissionDenied):
        image_attach_file(image, file=upload(), by=people["author"])
    image.refresh_from_db()
    assert not image.file
    assert image_attach_file(image, file=upload(), by=people["editor"]).file


def test_reporter_cannot_change_a_shared_photos_alt_text_through_the_service(people):
    draft = make_article(created_by=people["author"])
    image = photo_used_in(draft, make_article(status="published"))
    caption = draft.captions.get()
    with pytest.raises(PermissionDenied):
        article_save_figures(
            draft,
            by=people["author"],
            figures=[FigureInput(caption=caption, alt_text="وصف آخر")],
            deleted=[],
        )
    image.refresh_from_db()
    assert image.alt_text == "النص البديل الأصلي"


def test_a_shared_photos_alt_text_is_read_only_in_the_reporters_figures(client, people):
    draft = make_article(created_by=people["author"])
    shared = photo_used_in(draft, make_article(status="published"))
    client.force_login(people["author"])
    html = client.get(change_url(draft)).content.decode()
    tag = re.search(r'<input[^>]*name="captions-0-alt_text"[^>]*>', html).group(0)
    assert "disabled" in tag
    data = article_form_data(draft, **{"captions-0-alt_text": "وصف آخر"})
    assert client.post(change_url(draft), data).status_code == 302
    shared.refresh_from_db()
    assert shared.alt_text == "النص البديل الأصلي"


def test_a_reporter_choosing_a_shared_photo_cannot_rewrite_its_alt_text(client, people):
    shared = photo_used_in(make_article(status="published"))
    draft = make_article(created_by=people["author"])
    client.force_login(people["author"])
    data = article_form_data(draft)
    data.update(
        {
            "captions-TOTAL_FORMS": 1,
            "captions-0-article": draft.pk,
            "captions-0-image": shared.pk,
            "captions-0-alt_text": "وصف آخر",
            "captions-0-position": 1,
        }
    )
    response = client.post(change_url(draft), data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.forms[0].errors
    assert errors["alt_text"] == [ALT_TEXT_LOCKED]
    assert not draft.captions.exists()
    # Choosing it without rewriting its alt text is fine.
    data["captions-0-alt_text"] = shared.alt_text
    assert client.post(change_url(draft), data).status_code == 302
    assert draft.captions.get().image == shared


def test_a_photo_uploaded_for_a_shared_placeholder_goes_into_a_new_image(
    client, people, media_root
):
    draft = make_article(created_by=people["author"])
    placeholder = photo_used_in(draft, make_article(status="published"))
    client.force_login(people["author"])
    data = article_form_data(draft)
    data["captions-0-photo"] = upload("arrived.jpg")
    assert client.post(change_url(draft), data).status_code == 302
    placeholder.refresh_from_db()
    assert not placeholder.file
    photo = draft.captions.get().image
    assert photo != placeholder and photo.file
    assert photo.uploaded_by == people["author"]
