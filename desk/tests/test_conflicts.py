"""Never lose an edit: a save of a form loaded before someone else's save is refused,
keeps what was typed and shows what the other person changed. The check is atomic in
the database: of two truly simultaneous saves exactly one wins."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from pytest_django.asserts import assertContains

from articles.models import Article
from articles.services import EditConflict, article_publish, article_save
from articles.tests.factories import editor, make_article, make_caption, make_source
from articles.tests.html import elements
from desk.tests.desk_forms import article_form_data, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors():
    a, b = Client(), Client()
    a.force_login(editor("amal"))
    b.force_login(editor("basel"))
    return a, b


def opened(client, article):
    """What a browser holds after opening the change form: the form's data."""
    response = client.get(change_url(article))
    assert response.status_code == 200
    assert elements(
        response, "input", name="loaded_version", value=str(article.version)
    )
    return article_form_data(article)


def test_second_save_of_a_stale_form_is_refused_and_keeps_what_was_typed(two_editors):
    a, b = two_editors
    article = make_article(body="الفقرة الأولى.", sources=[make_source()])
    form_a, form_b = opened(a, article), opened(b, article)

    response = a.post(change_url(article), {**form_a, "headline": "عنوان أمل"})
    assert response.status_code == 302

    response = b.post(
        change_url(article), {**form_b, "body": "الفقرة الأولى كما كتبها باسل."}
    )
    assert response.status_code == 200
    html = response.content.decode()
    # Refused, and says so.
    assert elements(html, "div", class_="desk-conflict", role="alert")
    stored = Article.objects.get(pk=article.pk)
    assert stored.headline == "عنوان أمل"
    assert stored.body == "الفقرة الأولى."
    assert stored.version == article.version + 1
    # B keeps what they typed…
    (body,) = elements(html, "textarea", name="body")
    assert body.text == "الفقرة الأولى كما كتبها باسل."
    # …sees what A changed and who did…
    assert "amal" in html
    assertContains(
        response, '<div class="desk-diff-new" dir="auto">عنوان أمل</div>', html=True
    )
    # …and the form now carries the current version, so saving again is deliberate.
    assert elements(
        html, "input", name="loaded_version", value=str(article.version + 1)
    )

    resubmitted = {
        **form_b,
        "headline": "عنوان أمل",
        "body": "الفقرة الأولى كما كتبها باسل.",
        "loaded_version": article.version + 1,
    }
    assert b.post(change_url(article), resubmitted).status_code == 302
    stored.refresh_from_db()
    assert (stored.headline, stored.body) == (
        "عنوان أمل",
        "الفقرة الأولى كما كتبها باسل.",
    )


def test_a_status_change_also_refuses_a_stale_form(two_editors):
    _a, b = two_editors
    article = make_article(sources=[make_source()], status="review")
    form_b = opened(b, article)
    article_publish(article, by=editor("chief-of-shift"))
    response = b.post(change_url(article), {**form_b, "headline": "تعديل متأخر"})
    assert response.status_code == 200
    stored = Article.objects.get(pk=article.pk)
    assert stored.status == "published" and stored.headline == article.headline


def test_stale_figure_edits_are_refused_too(two_editors):
    a, b = two_editors
    article = make_article(sources=[make_source()])
    caption = make_caption(article, position=1, text="تعليق أصلي")
    form_a, form_b = opened(a, article), opened(b, article)
    a.post(change_url(article), {**form_a, "captions-0-text": "تعليق أمل"})
    response = b.post(change_url(article), {**form_b, "captions-0-text": "تعليق باسل"})
    assert response.status_code == 200
    caption.refresh_from_db()
    assert caption.text == "تعليق أمل"
    (text,) = elements(response, "textarea", name="captions-0-text")
    assert text.text == "تعليق باسل"


def test_a_form_without_its_version_is_refused(two_editors):
    a, _b = two_editors
    article = make_article()
    data = article_form_data(article, headline="بلا إصدار")
    del data["loaded_version"]
    assert a.post(change_url(article), data).status_code == 200
    assert Article.objects.get(pk=article.pk).headline == article.headline


def test_the_database_refuses_a_save_that_lost_the_race(two_editors, monkeypatch):
    """Someone saved between the form's check and its save: the UPDATE … WHERE
    version = loaded finds no row, nothing is stored, and the form comes back with
    the conflict."""
    from desk.forms import ArticleAdminForm

    a, _b = two_editors
    article = make_article()
    form_a = article_form_data(article)
    # Basel's save lands after Amal's form passed its check.
    Article.objects.filter(pk=article.pk).update(
        version=F("version") + 1, headline="عنوان باسل"
    )
    real_clean = ArticleAdminForm.clean
    calls = []

    def clean_that_missed_the_save(form):
        calls.append(form)
        if len(calls) == 1:
            form.instance.version = form.cleaned_data["loaded_version"]
        return real_clean(form)

    monkeypatch.setattr(ArticleAdminForm, "clean", clean_that_missed_the_save)
    response = a.post(change_url(article), {**form_a, "headline": "عنوان أمل"})
    assert len(calls) == 2  # refused by the database, then shown again
    assert response.status_code == 200
    assert "desk-conflict" in response.content.decode()
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.version) == ("عنوان باسل", 2)


def test_service_refuses_a_stale_version():
    article = make_article()
    user = editor()
    article_save(Article.objects.get(pk=article.pk), by=user, expected_version=1)
    stale = Article.objects.get(pk=article.pk)
    stale.headline = "قديم"
    with pytest.raises(EditConflict):
        article_save(stale, by=user, expected_version=1)
    assert Article.objects.get(pk=article.pk).headline == article.headline


# Truly concurrent saves (PostgreSQL: row locks and READ COMMITTED re-checks) ------


def run_in_threads(*targets):
    errors = []

    def wrap(target):
        def run():
            try:
                target()
            except BaseException as error:  # reported below
                errors.append(error)
            finally:
                connection.close()

        return run

    threads = [threading.Thread(target=wrap(t)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_service_saves_exactly_one_wins():
    """A holds the row after its UPDATE; B's UPDATE of the same loaded version waits,
    then finds the version moved on and is refused."""
    article = make_article(headline="الأصل")
    user = editor()
    a_updated = threading.Event()
    results = {}

    def save_a():
        with transaction.atomic():
            mine = Article.objects.get(pk=article.pk)
            mine.headline = "عنوان أ"
            article_save(mine, by=user, expected_version=1)
            a_updated.set()
            time.sleep(0.5)  # B is now blocked on the row
        results["a"] = "saved"

    def save_b():
        a_updated.wait(10)
        mine = Article.objects.get(pk=article.pk)  # still sees version 1
        mine.headline = "عنوان ب"
        try:
            article_save(mine, by=user, expected_version=1)
            results["b"] = "saved"
        except EditConflict:
            results["b"] = "refused"

    assert run_in_threads(save_a, save_b) == []
    assert results == {"a": "saved", "b": "refused"}
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.version) == ("عنوان أ", 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_admin_saves_of_the_same_version_exactly_one_wins():
    article = make_article(headline="الأصل", sources=[make_source()])
    clients = []
    for name in ("amal", "basel", "carim", "dana"):
        client = Client()
        client.force_login(editor(name))
        clients.append((name, client))
    data = article_form_data(article)
    revisions_before = article.revisions.count()
    start = threading.Barrier(len(clients))
    statuses = {}

    def save(name, client):
        def run():
            start.wait(10)
            response = client.post(
                change_url(article), {**data, "headline": f"عنوان {name}"}
            )
            statuses[name] = response.status_code

        return run

    assert run_in_threads(*(save(name, client) for name, client in clients)) == []
    winners = [name for name, status in statuses.items() if status == 302]
    assert len(winners) == 1, statuses
    assert sorted(statuses.values()) == [200, 200, 200, 302]
    stored = Article.objects.get(pk=article.pk)
    assert stored.headline == f"عنوان {winners[0]}"
    assert stored.version == 2
    assert stored.revisions.count() == revisions_before + 1
