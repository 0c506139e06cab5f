"""Bodies written before the notation had links, emphasis, quotations, lists and
embeds keep reading as they did: the characters those now take are kept literal with
a backslash (``articles.body.escape_body``), in the articles and in their revisions'
snapshots (so restoring one gives the same page). The rendered HTML does not change."""

from django.db import migrations

from articles.body import escape_body, unescape_body


def _rewrite(apps, change):
    Article = apps.get_model("articles", "Article")
    Revision = apps.get_model("articles", "Revision")
    batch = []
    for article in Article.objects.only("pk", "body").iterator(chunk_size=500):
        body = change(article.body)
        if body != article.body:
            article.body = body
            batch.append(article)
    Article.objects.bulk_update(batch, ["body"], batch_size=500)
    batch = []
    for revision in Revision.objects.only("pk", "content").iterator(chunk_size=500):
        fields = (revision.content or {}).get("fields") or {}
        old = fields.get("body")
        if isinstance(old, str) and change(old) != old:
            fields = {**fields, "body": change(old)}
            revision.content = {**revision.content, "fields": fields}
            batch.append(revision)
    Revision.objects.bulk_update(batch, ["content"], batch_size=500)


def escape_bodies(apps, schema_editor):
    _rewrite(apps, escape_body)


def unescape_bodies(apps, schema_editor):
    _rewrite(apps, unescape_body)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0024_breaking_news_roles"),
    ]

    operations = [migrations.RunPython(escape_bodies, unescape_bodies)]
