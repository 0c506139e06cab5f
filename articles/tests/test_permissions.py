"""The permission matrix: anonymous, reporter (author or not), editor and chief editor
against every transition and every admin page, checked on the server."""

import pytest
from django.utils import timezone

from articles.models import Article, ArticleTransition, Image, Source

from .desk_forms import article_form_data, change_url
from .factories import make_article, make_caption, make_source
from .roles import chief, editor, make_staff, reporter

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
    save_and_move = f'name="_transition" value="{action}"' in html
    move_only = f'name="CHANGE_FORM-action" value="{action}_articles"' in html
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
    assert 'name="headline"' not in html
    assert article.headline in html
    assert "وصف الصورة للقراء" in html
    assert "None" not in html and "Photo" not in html
    assert 'name="_transition"' not in html


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
    assert (
        'name="published_at_0"' not in client.get(change_url(article)).content.decode()
    )
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
        revision=article.history.latest().history_id,
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
