"""The search index: on PostgreSQL a weighted tsvector column kept by triggers, its GIN
index, pg_trgm and a word list for suggestions; on SQLite an FTS5 table kept by
triggers. Existing rows get their search keys here. See articles/search_sql.py."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def install(apps, schema_editor):
    from articles.search_keys import article_search_keys
    from articles.search_sql import install
    from articles.text import search_key

    install(schema_editor)
    Article = apps.get_model("articles", "Article")
    Caption = apps.get_model("articles", "Caption")
    for caption in Caption.objects.exclude(text="").only("text").iterator():
        caption.search_key = search_key(caption.text)
        caption.save(update_fields=["search_key"])
    for article in Article.objects.only("headline", "standfirst", "body").iterator():
        keys = article_search_keys(article.headline, article.standfirst, article.body)
        Article.objects.filter(pk=article.pk).update(**keys)


def uninstall(apps, schema_editor):
    from articles.search_sql import uninstall

    uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_search_fields"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(install, uninstall),
    ]
