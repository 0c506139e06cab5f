"""Bodies written before the notation had links, emphasis, quotations, lists and
embeds keep reading as they did: the characters those now take are kept literal with
a backslash, in the articles and in their revisions' snapshots (so restoring one gives
the same page). The rendered HTML does not change.

The escaping is frozen here, as migrations import no live code; it is the same as
``articles.body.escape_body`` and ``unescape_body`` today (a test compares them)."""

import re

from django.db import migrations

FIGURE_RE = re.compile(
    r"^\[\[\s*(?:صورة|figure)\s+([0-9٠-٩۰-۹]+)\s*\]\]$", re.IGNORECASE
)
SPACE_RE = re.compile(r"[\s\u00a0\u2007\u202f]+")
SPECIAL_RE = re.compile(r"([\\*_\[\]])")
ADDRESS_RE = re.compile(r"^\s*https?:\S*\s*$", re.IGNORECASE)
LINE_MARK_RE = re.compile(r"^(\s*)(>|-(?=\s|$))")
NUMBER_MARK_RE = re.compile(r"^(\s*[0-9٠-٩۰-۹]+)([.)])(?=\s|$)")
ESCAPED_RE = re.compile(r"\\([\\*_\[\]>\-.):])")


def escape_line(line):
    line = SPECIAL_RE.sub(r"\\\1", line)
    line = LINE_MARK_RE.sub(r"\1\\\2", line)
    line = NUMBER_MARK_RE.sub(r"\1\\\2", line)
    if ADDRESS_RE.match(line):
        line = line.replace(":", "\\:", 1)
    return line


def unescape_line(line):
    return ESCAPED_RE.sub(r"\1", line)


def change_text_lines(body, change):
    """Apply ``change`` to the lines of ``body`` that are paragraph text (not blank,
    not a figure marker, not a sub-heading)."""
    lines = body.split("\n")
    for index, raw in enumerate(lines):
        line = SPACE_RE.sub(" ", raw).strip()
        if line and not FIGURE_RE.match(line) and not line.startswith("##"):
            lines[index] = change(raw)
    return "\n".join(lines)


def _rewrite(apps, change):
    Article = apps.get_model("articles", "Article")
    Revision = apps.get_model("articles", "Revision")
    batch = []
    for article in Article.objects.only("pk", "body").iterator(chunk_size=500):
        body = change_text_lines(article.body, change)
        if body != article.body:
            article.body = body
            batch.append(article)
    Article.objects.bulk_update(batch, ["body"], batch_size=500)
    batch = []
    for revision in Revision.objects.only("pk", "content").iterator(chunk_size=500):
        fields = (revision.content or {}).get("fields") or {}
        old = fields.get("body")
        if isinstance(old, str) and change_text_lines(old, change) != old:
            fields = {**fields, "body": change_text_lines(old, change)}
            revision.content = {**revision.content, "fields": fields}
            batch.append(revision)
    Revision.objects.bulk_update(batch, ["content"], batch_size=500)


def escape_bodies(apps, schema_editor):
    _rewrite(apps, escape_line)


def unescape_bodies(apps, schema_editor):
    _rewrite(apps, unescape_line)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0027_desk_scope_roles"),
    ]

    operations = [migrations.RunPython(escape_bodies, unescape_bodies)]
