"""On PostgreSQL, a GIN index of the headline's search keys, for the archive's "words in
the headline" filter (search.engine.headline_match). SQLite reads the headline column
of its FTS5 table instead and needs nothing."""

from django.db import migrations

INDEX = "article_headline_words_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON articles_article USING gin "
            "(to_tsvector('simple'::regconfig, COALESCE(search_headline, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_index_for_reimports"),
    ]

    operations = [migrations.RunPython(create, drop)]
