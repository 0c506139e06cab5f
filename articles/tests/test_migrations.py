"""Migrations that move data: run from the state before them, on real rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.body import parse_body
from articles.models import Article, Revision
from articles.rendering import render_body_html
from articles.tests.test_body import legacy_html

BEFORE_SNAPSHOTS = [("articles", "0014_article_revised_at")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_history_rows_become_one_snapshot_per_revision():
    old = migrate(BEFORE_SNAPSHOTS)
    try:
        Article = old.get_model("articles", "Article")
        Source = old.get_model("articles", "Source")
        Image = old.get_model("articles", "Image")
        Caption = old.get_model("articles", "Caption")
        User = old.get_model("auth", "User")
        History = old.get_model("articles", "HistoricalArticle")
        HistorySources = old.get_model("articles", "HistoricalArticle_sources")
        CaptionHistory = old.get_model("articles", "HistoricalCaption")
        ImageHistory = old.get_model("articles", "HistoricalImage")

        amal = User.objects.create(username="amal")
        reuters = Source.objects.create(name="رويترز", slug="رويترز")
        now = timezone.now()
        article = Article.objects.create(
            headline="الثاني", slug="s", body="نص", version=2, updated_at=now
        )
        image = Image.objects.create(alt_text="وصف ثان")
        Image.objects.filter(pk=image.pk).update(file="images/b.jpg")
        caption = Caption.objects.create(
            article=article, image=image, text="تعليق ثان", position=1, credit=reuters
        )

        def article_row(when, headline, version, reason, history_type):
            return History.objects.create(
                id=article.pk,
                headline=headline,
                slug="s",
                body="نص",
                status="draft",
                created_at=now,
                updated_at=when,
                version=version,
                history_date=when,
                history_type=history_type,
                history_user=amal,
                history_change_reason=reason,
            )

        first = article_row(now - timedelta(hours=2), "الأول", 1, "import:a.txt", "+")
        HistorySources.objects.create(
            id=1, history=first, article=article, source=reuters
        )
        article_row(now - timedelta(hours=1), "الثاني", 2, "save", "~")
        caption_row = {
            "id": caption.pk,
            "article": article,
            "image_id": image.pk,
            "position": 1,
            "credit": reuters,
            "credit_note": "",
            "photographer": "",
        }
        CaptionHistory.objects.create(
            **caption_row,
            text="تعليق أول",
            history_date=now - timedelta(hours=2),
            history_type="+",
        )
        CaptionHistory.objects.create(
            **caption_row,
            text="تعليق ثان",
            history_date=now - timedelta(minutes=90),
            history_type="~",
        )
        image_row = {
            "id": image.pk,
            "uploaded_at": now,
            "checksum": "",
            "width": 0,
            "height": 0,
            "thumbnail": "",
        }
        ImageHistory.objects.create(
            **image_row,
            alt_text="وصف أول",
            file="images/a.jpg",
            history_date=now - timedelta(hours=2),
            history_type="+",
        )
        ImageHistory.objects.create(
            **image_row,
            alt_text="وصف ثان",
            file="images/b.jpg",
            history_date=now - timedelta(minutes=80),
            history_type="~",
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    older, newer = Revision.objects.filter(article_id=article.pk).order_by("created_at")
    assert (older.version, older.reason, older.user_id) == (1, "import:a.txt", amal.pk)
    assert older.content["fields"]["headline"] == "الأول"
    assert older.content["sources"] == [{"id": reuters.pk, "name": "رويترز"}]
    (figure,) = older.content["figures"]
    assert (figure["text"], figure["photo"], figure["alt_text"]) == (
        "تعليق أول",
        "images/a.jpg",
        "وصف أول",
    )
    assert figure["credit"] == "رويترز"
    assert (newer.version, newer.reason) == (2, "save")
    assert newer.content["fields"]["headline"] == "الثاني"
    assert newer.content["sources"] == []
    (figure,) = newer.content["figures"]
    assert (figure["text"], figure["photo"]) == ("تعليق ثان", "images/b.jpg")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_old_bodies_are_escaped_so_they_render_as_before():
    body = "- ليس بندًا\n**ليس عريضًا** و[ليس](https://a.example/) رابطًا\n\n## عنوان_"
    old = migrate([("articles", "0027_desk_scope_roles")])
    try:
        OldArticle = old.get_model("articles", "Article")
        OldRevision = old.get_model("articles", "Revision")
        article = OldArticle.objects.create(headline="خبر", slug="k", body=body)
        OldRevision.objects.create(
            article=article, version=1, content={"fields": {"body": body}}
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    stored = Article.objects.get(pk=article.pk)
    assert stored.body == (
        "\\- ليس بندًا\n\\*\\*ليس عريضًا\\*\\* و\\[ليس\\](https://a.example/) رابطًا"
        "\n\n## عنوان_"
    )
    assert render_body_html(parse_body(stored.body)) == legacy_html(body)
    (revision,) = Revision.objects.filter(article_id=article.pk)
    assert revision.content["fields"]["body"] == stored.body

    migrate([("articles", "0027_desk_scope_roles")])
    try:
        assert (
            old.get_model("articles", "Article").objects.get(pk=article.pk).body == body
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
