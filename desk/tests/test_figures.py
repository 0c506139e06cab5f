"""The change form's figures: numbering, markers that follow them, and queries that
do not grow with them."""

import pytest

from articles.tests.factories import (
    editor,
    make_article,
    make_caption,
    make_source,
)
from articles.tests.factories import reporter as make_reporter
from articles.tests.html import elements
from desk.tests.desk_forms import article_form_data, change_url

pytestmark = pytest.mark.django_db


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


#: Session, user, the device that passed the second step of signing in, article
#: with its sources, permissions (2), its other sections, its tags, figures, its
#: authors, others' presence, figures for the editorial and house-style checks,
#: "is it live", its corrections, the sources' autocomplete, unsaved changes kept
#: by the autosave, the sections the user is limited to (desk scoping, read once).
#: A reporter's form also asks which of the figures' photos they may change.
CHANGE_FORM_QUERIES = {"editor": 18, "reporter": 19}


@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_change_form_queries_do_not_grow_with_its_figures(
    client, django_assert_num_queries, role
):
    user = editor() if role == "editor" else make_reporter()
    client.force_login(user)
    article = make_article(created_by=user, sources=[make_source(name="وكالات")])
    # Once first: the process-wide caches (content types) warm up as in any server.
    client.get(change_url(article))
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
            chosen_images = elements(
                html, "option", value=str(caption.image_id), selected=True
            )
            assert f"صورة رقم {number}" in [option.text for option in chosen_images]
            chosen_credits = elements(
                html, "option", value=str(caption.credit_id), selected=True
            )
            assert f"مصور {number}" in [option.text for option in chosen_credits]
