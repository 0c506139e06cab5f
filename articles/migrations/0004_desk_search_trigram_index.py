"""A trigram index on the articles' search column, on PostgreSQL only: the desk's
search (words anywhere in the headline, standfirst or body, LIKE '%…%') then reads
the few matching rows instead of every article. SQLite searches without it."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_desk_groups_search_text")]

    operations = [
        TrigramExtension(),
        PostgreSQLOnly(
            "CREATE INDEX IF NOT EXISTS article_search_trgm_idx "
            "ON articles_article USING gin (search_text gin_trgm_ops)",
            "DROP INDEX IF EXISTS article_search_trgm_idx",
        ),
    ]
