"""Unsaved changes typed before the body notation had links, emphasis, quotations,
lists and embeds read as they did when restored: their body's special characters
are kept literal, as ``articles`` migration 0028 does for articles and revisions
(its frozen escaping is reused, not copied)."""

import importlib

from django.db import migrations

notation = importlib.import_module("articles.migrations.0028_escape_body_notation")


def _rewrite(apps, change):
    Autosave = apps.get_model("desk", "Autosave")
    batch = []
    for autosave in Autosave.objects.only("pk", "data").iterator(chunk_size=500):
        body = (autosave.data or {}).get("body")
        if isinstance(body, str):
            new = notation.change_text_lines(body, change)
            if new != body:
                autosave.data = {**autosave.data, "body": new}
                batch.append(autosave)
    Autosave.objects.bulk_update(batch, ["data"], batch_size=500)


def escape_autosaves(apps, schema_editor):
    _rewrite(apps, notation.escape_line)


def unescape_autosaves(apps, schema_editor):
    _rewrite(apps, notation.unescape_line)


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_autosave"),
        ("articles", "0028_escape_body_notation"),
    ]

    operations = [migrations.RunPython(escape_autosaves, unescape_autosaves)]
