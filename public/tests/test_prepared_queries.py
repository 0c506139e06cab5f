"""On PostgreSQL, the page queries a connection repeats are prepared: planned once,
not on every request (DATABASE_PREPARED_STATEMENTS, on by default)."""

import pytest
from django.db import connection

from articles.tests.factories import make_article

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _prepared_page_queries():
    """How many prepared statements read articles with their embedded sources."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements"
            " WHERE statement LIKE '%%_embedded_sources%%'"
        )
        return cursor.fetchone()[0]


def test_an_article_page_read_again_runs_prepared_queries(client):
    article = make_article(status="published", headline="خبر يتكرر")
    for _ in range(7):
        # A session cookie: past the page cache, the page is built every time.
        client.cookies["sessionid"] = "reader"
        assert client.get(article.get_absolute_url()).status_code == 200
    assert _prepared_page_queries() >= 1
