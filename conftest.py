"""Project-wide pytest set-up: PostgreSQL-only tests and the database they need."""

import os

import pytest
from django.conf import settings


def pytest_collection_modifyitems(config, items):
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("postgresql"):
        return
    marked = [item for item in items if item.get_closest_marker("postgres")]
    if not marked:
        return
    if os.environ.get("NEWSROOM_REQUIRE_POSTGRES"):
        raise pytest.UsageError(
            f"{len(marked)} test(s) need PostgreSQL but DATABASE_URL points at {engine}."
        )
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: run with DATABASE_URL=postgres://user@host/db"
    )
    for item in marked:
        item.add_marker(skip)


def pytest_report_header(config):
    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or ''} {db['NAME']}"


@pytest.fixture(scope="session", autouse=True)
def _close_connection_pools(django_db_setup, django_db_blocker):
    """Close PostgreSQL connection pools before the test database is dropped: pooled
    connections (the live server's, say) would otherwise keep it "in use"."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            connection.close()
            if hasattr(connection, "close_pool"):
                connection.close_pool()
