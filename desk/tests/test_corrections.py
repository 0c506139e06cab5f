"""Corrections, updates and takedowns on the desk: who sees which button and form,
and what each does."""

import pytest
from django.urls import reverse

from articles.models import Article, Correction
from articles.services import article_withdraw, correction_add
from articles.tests.factories import (
    chief,
    editor,
    make_article,
    make_source,
    make_staff,
    reporter,
)
from articles.tests.html import elements
from desk.diffs import describe_reason
from desk.tests.desk_forms import article_form_data, change_url

pytestmark = pytest.mark.django_db

Status = Article.Status
Kind = Correction.Kind


@pytest.fixture
def live():
    return make_article(status=Status.PUBLISHED, sources=[make_source()])


def correct_url(article):
    return reverse("admin:articles_article_correct", args=[article.pk])


def signed_in(client, user):
    client.force_login(user)
    return client


# Adding a correction ---------------------------------------------------------------


def test_anonymous_readers_are_sent_to_sign_in(client, live):
    response = client.get(correct_url(live))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_a_role_may_not_correct(client, live):
    signed_in(client, make_staff("nobody", None))
    assert client.get(correct_url(live)).status_code in (302, 403)
    client.post(correct_url(live), {"kind": "correction", "text": "نص"})
    assert not Correction.objects.exists()


def test_a_reporter_proposes_and_it_waits(client, live):
    signed_in(client, reporter())
    html = client.get(change_url(live)).content.decode()
    assert elements(html, "a", href=correct_url(live))
    form = client.get(correct_url(live)).content.decode()
    assert elements(form, "input", type="submit", value="اقترح الملاحظة")
    response = client.post(correct_url(live), {"kind": "correction", "text": "نص"})
    assert response.status_code == 302
    (proposed,) = Correction.objects.all()
    assert not proposed.is_published
    live.refresh_from_db()
    assert live.revised_at is None


def test_an_editor_publishes_at_once(client, live):
    signed_in(client, editor())
    response = client.post(
        correct_url(live), {"kind": "clarification", "text": "توضيح"}
    )
    assert response.status_code == 302
    (published,) = Correction.objects.all()
    assert published.is_published and published.kind == Kind.CLARIFICATION
    html = client.get(change_url(live)).content.decode()
    assert "توضيح" in html


def test_a_draft_offers_no_correction(client):
    draft = make_article()
    signed_in(client, editor())
    html = client.get(change_url(draft)).content.decode()
    assert not elements(html, "a", href=correct_url(draft))
    response = client.post(correct_url(draft), {"kind": "correction", "text": "نص"})
    assert response.status_code == 200
    assert "لا يُصحَّح إلا مقال منشور على الموقع." in response.content.decode()
    assert not Correction.objects.exists()


# Publishing the waiting ones ------------------------------------------------------


def proposal(article):
    return correction_add(article, by=reporter("sami"), kind=Kind.CORRECTION, text="ن")


def publish_action(client, correction):
    return client.post(
        reverse("admin:articles_correction_changelist"),
        {"action": "publish_corrections", "_selected_action": [correction.pk]},
    )


def test_an_editor_publishes_a_waiting_correction_from_the_list(client, live):
    waiting = proposal(live)
    signed_in(client, editor())
    listing = client.get(reverse("admin:articles_correction_changelist") + "?waiting=1")
    assert listing.status_code == 200
    publish_action(client, waiting)
    waiting.refresh_from_db()
    assert waiting.is_published


def test_a_reporter_cannot_publish_from_the_list(client, live):
    waiting = proposal(live)
    signed_in(client, reporter())
    publish_action(client, waiting)
    waiting.refresh_from_db()
    assert not waiting.is_published


# Update or silent fix ---------------------------------------------------------------


def test_saving_a_live_article_asks_update_or_silent_fix(client, live):
    signed_in(client, editor())
    html = client.get(change_url(live)).content.decode()
    assert elements(html, "input", name="update_kind", value="silent")
    draft = make_article()
    html = client.get(change_url(draft)).content.decode()
    assert not elements(html, "input", name="update_kind")


def test_a_silent_fix_from_the_form_moves_nothing(client, live):
    signed_in(client, editor())
    data = article_form_data(live, headline="عنوان مصحح", update_kind="silent")
    assert client.post(change_url(live), data).status_code == 302
    live.refresh_from_db()
    assert live.headline == "عنوان مصحح"
    assert live.revised_at is None


def test_an_update_from_the_form_moves_last_updated_and_adds_its_note(client, live):
    signed_in(client, editor())
    data = article_form_data(
        live, body=live.body + "\n\nفقرة.", update_kind="update", update_note="أضيفت"
    )
    assert client.post(change_url(live), data).status_code == 302
    live.refresh_from_db()
    (note,) = live.corrections.all()
    assert (note.kind, note.text, note.published_at) == (
        Kind.UPDATE,
        "أضيفت",
        live.revised_at,
    )


def test_a_silent_fix_with_a_note_is_refused(client, live):
    signed_in(client, editor())
    data = article_form_data(live, update_kind="silent", update_note="ملاحظة")
    response = client.post(change_url(live), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["update_note"]


# Takedown ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", [reporter, editor])
def test_only_the_chief_sees_the_withdraw_button(client, live, role):
    signed_in(client, role())
    html = client.get(change_url(live)).content.decode()
    assert not elements(html, "button", value="withdraw")
    data = article_form_data(live, _transition="withdraw", _transition_note="سبب")
    client.post(change_url(live), data)
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED


def test_the_chief_withdraws_with_a_reason_and_restores(client, live):
    signed_in(client, chief())
    html = client.get(change_url(live)).content.decode()
    assert elements(html, "button", value="withdraw")
    refused = article_form_data(live, _transition="withdraw", _transition_note="")
    client.post(change_url(live), refused, follow=True)
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED

    data = article_form_data(live, _transition="withdraw", _transition_note="حكم")
    client.post(change_url(live), data)
    live.refresh_from_db()
    assert live.status == Status.WITHDRAWN
    assert live.transitions.first().note == "حكم"

    html = client.get(change_url(live)).content.decode()
    assert elements(html, "button", value="reinstate")
    client.post(change_url(live), article_form_data(live, _transition="reinstate"))
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED


def test_withdrawn_articles_are_a_status_of_the_desk_list(client, live):
    article_withdraw(live, by=chief(), reason="سبب")
    signed_in(client, editor())
    response = client.get("/admin/articles/article/?state=withdrawn")
    assert list(response.context["cl"].result_list) == [live]


def test_editors_are_told_on_the_front_page_of_corrections_waiting(client, live):
    proposal(live)
    signed_in(client, editor())
    html = client.get("/admin/").content.decode()
    waiting = reverse("admin:articles_correction_changelist") + "?waiting=1"
    (link,) = elements(html, "a", href=waiting)
    assert link.text == "تصحيح مقترح واحد في انتظار محرر."
    client.force_login(reporter("other"))
    assert not elements(client.get("/admin/").content.decode(), "a", href=waiting)


def test_the_history_says_what_each_revision_was():
    assert describe_reason("save:silent") == "حُفظ إصلاحًا صامتًا"
    assert describe_reason("save:update") == "حُفظ تحديثًا مع ملاحظة للقراء"
    assert describe_reason("correction:clarification") == "نُشر توضيح"
    assert describe_reason("transition:withdraw") == "سُحب من الموقع"
    assert describe_reason("transition:reinstate") == "أُعيد إلى الموقع"
