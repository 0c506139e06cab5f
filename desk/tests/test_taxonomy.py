"""Sections, tags and authors on the desk: the article form's fields, tags typed
as new, the list's filters, the admins and who may use them."""

import json

import pytest

from articles.models import Article, Author, Section, Tag
from articles.services.revisions import snapshot
from articles.tests.factories import (
    chief,
    editor,
    make_article,
    make_author,
    make_tag,
    reporter,
)
from articles.tests.html import elements

from .desk_forms import article_form_data, change_url, save_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_sections")]


def test_an_editor_sets_section_tags_and_ordered_authors_in_one_save(client):
    client.force_login(editor())
    article = make_article()
    politics, world = (Section.objects.get(name=n) for n in ("سياسة", "دولي"))
    libya = make_tag("ليبيا")
    sara, ahmad = make_author("سارة حسن"), make_author("أحمد علي")
    article = save_form(
        client,
        article,
        section=politics.pk,
        sections=[world.pk],
        tags=[libya.pk],
        new_tags="ليبيـا، كأس العالم",
        authors=[ahmad, sara],
    )
    assert article.section == politics
    assert list(article.sections.all()) == [world]
    assert sorted(article.tags.values_list("name", flat=True)) == [
        "كأس العالم",
        "ليبيا",
    ]
    assert Tag.objects.count() == 2  # ليبيـا is ليبيا
    assert [a.name for a in Article.objects.for_page().get().author_list()] == [
        "أحمد علي",
        "سارة حسن",
    ]
    recorded = snapshot(article.revisions.first())
    assert recorded.section["name"] == "سياسة"
    assert recorded.taxonomy["authors"] == ["أحمد علي", "سارة حسن"]
    # Saved again untouched, the form keeps everything.
    article = save_form(client, article)
    assert [a.name for a in Article.objects.for_page().get().author_list()] == [
        "أحمد علي",
        "سارة حسن",
    ]
    assert article.tags.count() == 2


def test_a_reporter_creates_tags_while_writing_their_draft(client):
    author = reporter("amal")
    client.force_login(author)
    article = make_article(created_by=author)
    article = save_form(client, article, new_tags="انتخابات")
    assert [t.name for t in article.tags.all()] == ["انتخابات"]


def test_the_change_form_offers_autocomplete_for_section_tags_and_authors(client):
    author = reporter("amal")
    client.force_login(author)
    article = make_article(created_by=author)
    html = client.get(change_url(article)).content.decode()
    for name in ("section", "sections", "tags"):
        assert elements(html, "select", name=name, class_="admin-autocomplete")
    assert elements(html, "select", name="article_authors-0-author")


def test_tag_autocomplete_matches_whatever_the_spelling(client):
    client.force_login(reporter("amal"))
    libya = make_tag("ليبيا")
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "tags",
            "term": "ليبيـا",
        },
    )
    assert response.status_code == 200
    assert [r["id"] for r in json.loads(response.content)["results"]] == [str(libya.pk)]


def test_the_article_list_filters_by_section_tag_and_author(client):
    client.force_login(editor())
    sport = Section.objects.get(name="رياضة")
    libya, sara = make_tag("ليبيا"), make_author("سارة حسن")
    in_sport = make_article("في الرياضة", section=sport)
    tagged = make_article("عن ليبيا", tags=[libya])
    written = make_article("بقلم سارة", authors=[sara])
    make_article("خبر آخر")

    def listed(**params):
        response = client.get("/admin/articles/article/", params)
        assert response.status_code == 200
        return {a.pk for a in response.context["cl"].result_list}

    assert listed(section__id__exact=sport.pk) == {in_sport.pk}
    assert listed(tag=libya.pk) == {tagged.pk}
    assert listed(authors__id__exact=sara.pk) == {written.pk}


@pytest.mark.parametrize(
    ("role", "can_manage", "can_delete"),
    [("reporter", False, False), ("editor", True, False), ("chief", True, True)],
)
def test_only_editors_and_the_chief_manage_sections_and_authors(
    client, role, can_manage, can_delete
):
    user = {"reporter": reporter, "editor": editor, "chief": chief}[role]()
    client.force_login(user)
    section = Section.objects.get(name="رياضة")
    author = make_author("سارة حسن")
    for model, obj in (("section", section), ("author", author)):
        base = f"/admin/articles/{model}/"
        assert client.get(base).status_code == 200  # everyone sees them
        assert (client.get(base + "add/").status_code == 200) == can_manage
        change = client.get(f"{base}{obj.pk}/change/").content.decode()
        assert bool(elements(change, "input", name="name")) == can_manage
        deleting = client.get(f"{base}{obj.pk}/delete/").status_code
        assert (deleting == 200) == can_delete
    assert user.has_perm("articles.add_tag")
    assert user.has_perm("articles.merge_tags") == can_manage


def test_an_editor_adds_a_section_and_an_author(client):
    client.force_login(editor())
    response = client.post(
        "/admin/articles/section/add/",
        {
            "name": "كرة القدم",
            "slug": "",
            "parent": Section.objects.get(name="رياضة").pk,
            "order": 5,
            "description": "",
        },
    )
    assert response.status_code == 302
    assert Section.objects.get(name="كرة القدم").parent.name == "رياضة"
    response = client.post(
        "/admin/articles/author/add/",
        {"name": "سارة حسن", "slug": "", "role": "مراسلة", "bio": "", "links": ""},
    )
    assert response.status_code == 302
    assert Author.objects.get().slug == "سارة-حسن"


def test_merging_tags_from_the_desk(client):
    client.force_login(editor())
    libya, other = make_tag("ليبيا"), make_tag("الجماهيرية")
    article = make_article(tags=[other])
    data = {"action": "merge_tags", "_selected_action": [libya.pk, other.pk]}
    page = client.post("/admin/articles/tag/", data)
    assert page.status_code == 200
    assert elements(page.content.decode(), "input", name="into", type="radio")
    response = client.post(
        "/admin/articles/tag/", {**data, "confirm": "yes", "into": libya.pk}
    )
    assert response.status_code == 302
    assert list(article.tags.all()) == [libya]
    assert not Tag.objects.filter(pk=other.pk).exists()


def test_a_reporter_cannot_merge_tags(client):
    client.force_login(reporter("amal"))
    libya, other = make_tag("ليبيا"), make_tag("الجماهيرية")
    client.post(
        "/admin/articles/tag/",
        {
            "action": "merge_tags",
            "_selected_action": [libya.pk, other.pk],
            "confirm": "yes",
            "into": libya.pk,
        },
    )
    assert Tag.objects.count() == 2


def test_article_form_data_round_trips_the_authors():
    sara = make_author("سارة حسن")
    article = make_article(authors=[sara])
    data = article_form_data(article)
    assert data["article_authors-0-author"] == sara.pk
    assert data["article_authors-INITIAL_FORMS"] == 1


@pytest.mark.parametrize(
    ("confirm", "into"), [("yes", "abc"), ("yes", None), ("no", "libya")]
)
def test_a_merge_confirmation_the_form_refuses_merges_nothing(client, confirm, into):
    client.force_login(editor())
    libya, other = make_tag("ليبيا"), make_tag("الجماهيرية")
    data = {
        "action": "merge_tags",
        "_selected_action": [libya.pk, other.pk],
        "confirm": confirm,
        **({"into": libya.pk if into == "libya" else into} if into else {}),
    }
    response = client.post("/admin/articles/tag/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert elements(response.content.decode(), "p", **{"class": "errornote"})
    assert Tag.objects.count() == 2
