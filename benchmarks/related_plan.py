"""Related stories at 100,000 articles on PostgreSQL: the plan and time of
``ArticleQuerySet.related_to`` for a new and an old article, to show its cost does
not grow with the archive.

    .venv/bin/python benchmarks/related_plan.py [--articles 100000]

A throwaway database on $BENCH_PG_URL's server (default
postgres://postgres@127.0.0.1:5432), filled by SQL: 50 sources, every article with
one source and a third of them with a second, one of the 9 default sections each, and
one of 200 tags for half of them.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FILL = """
INSERT INTO articles_source (name, slug, name_en, kind, url, key, is_confirmed, created_at)
SELECT 'مصدر '||g, 'src-'||g, '', 'agency', '', 'k'||g, true, now()
FROM generate_series(1, 50) g;
INSERT INTO articles_article (headline, slug, standfirst, body, byline, status,
  published_at, created_at, updated_at, original_url, import_filename, import_hash,
  version, search_headline, search_extras, search_body, body_html, summary,
  external_id, wire_status, section_id)
SELECT 'خبر '||g, 'k'||g, '', repeat('نص ', 300), '', 'published',
  now() - (g||' minutes')::interval, now(), now(), '', '', '', 1, '', '', '', '<p>نص</p>', 'نص',
  '', '', (SELECT min(id) FROM articles_section) + g % 9
FROM generate_series(1, {count}) g;
INSERT INTO articles_tag (name, slug, key, created_at)
SELECT 'وسم '||g, 'tag-'||g, 't'||g, now() FROM generate_series(1, 200) g;
INSERT INTO articles_article_tags (article_id, tag_id)
SELECT id, (SELECT min(id) FROM articles_tag) + id % 200 FROM articles_article
WHERE id % 2 = 0;
INSERT INTO articles_article_sources (article_id, source_id)
SELECT id, (SELECT min(id) FROM articles_source) + id % 50 FROM articles_article;
INSERT INTO articles_article_sources (article_id, source_id)
SELECT id, (SELECT min(id) FROM articles_source) + (id * 7 + 1) % 50
FROM articles_article WHERE id % 3 = 0 ON CONFLICT DO NOTHING;
ANALYZE;
"""

EXPLAIN = """
from django.db import connection
from articles.models import Article
newest = Article.objects.published().order_by("-published_at")
for label, index in (("new", 10), ("old", {count} - 10)):
    article = newest[index]
    queryset = Article.objects.published().for_listing().related_to(article)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    print(f"{{label}} article: {{plan[-1]}}; shared buffers: {{plan[-2].strip()}}")
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    server = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    name = f"newsroom_related_plan_{os.getpid()}"
    admin = ["psql", "-q", f"{server}/postgres", "-c"]
    subprocess.run([*admin, f"CREATE DATABASE {name}"], check=True)
    env = dict(os.environ, DATABASE_URL=f"{server}/{name}")
    env.setdefault("DJANGO_SECRET_KEY", "benchmark-" + "x" * 50)
    try:
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", env["DATABASE_URL"]],
            input=FILL.format(count=args.articles),
            text=True,
            check=True,
        )
        code = EXPLAIN.format(count=args.articles)
        subprocess.run([*manage, "shell", "-c", code], env=env, cwd=ROOT, check=True)
    finally:
        subprocess.run([*admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"])


if __name__ == "__main__":
    main()
