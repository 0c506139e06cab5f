"""Project-wide pytest set-up, shared by every app's tests: the database engine each
test needs, the seed and desk fixtures, and the browser tests (pytest-playwright on
Debian's Chromium, never a downloaded one; without Chromium they are skipped with a
message, unless NEWSROOM_REQUIRE_BROWSER is set, as CI sets it, and then they fail)."""

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.utils import timezone, translation

from accounts.tests.two_factor import force_login_past_the_second_step
from api.services import api_key_create
from articles.models import Article
from articles.tests.factories import editor
from ingest.tests.seed import make_seed_article


def _require_postgres(items):
    """Skip (or, when NEWSROOM_REQUIRE_POSTGRES is set, refuse to run) the tests marked
    ``postgres`` when the database is not PostgreSQL."""
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
    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            connection.close()
            if hasattr(connection, "close_pool"):
                connection.close_pool()


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with an empty cache: the database is rolled back between
    tests, which no cached page or site generation would notice."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_step(request, monkeypatch):
    """``client.force_login(user)`` signs staff in with both steps done, as if they
    had given their code: the desk's tests are about the desk, not the sign-in.
    Production is untouched; signing in through the form still asks for the code,
    and tests of the second step itself mark themselves ``second_step_pending``."""
    if request.node.get_closest_marker("second_step_pending") is None:
        monkeypatch.setattr(Client, "force_login", force_login_past_the_second_step)


SEED = Path(settings.BASE_DIR) / "seeds" / "000_4f78182034c9b7d2.txt"


@pytest.fixture
def seed_bytes():
    return SEED.read_bytes()


@pytest.fixture
def desk_sources(db):
    """The sources of fixtures/sources.json, as make run loads them."""
    call_command("load_missing_fixtures", verbosity=0)


@pytest.fixture
def english():
    """Messages in English, as the command line and English-speaking staff see them
    (the test settings' language is Arabic)."""
    with translation.override("en"):
        yield


# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# the tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark the tests in ``browser`` folders ``browser``, and run the tests that empty the database
    when they end (transactional ones, and browser tests on a live server) after all
    the others, as Django does. pytest groups tests by Playwright's session-wide
    browser parameter after pytest-django has ordered them, which would put these in
    the middle: the tests after them would find the groups made by the migrations
    gone."""
    _require_postgres(items)
    for item in items:
        if "browser" in Path(item.path).parent.parts:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)

    def empties_database(item):
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        return bool(
            (marker is not None and marker.kwargs.get("transaction"))
            or "live_server" in fixtures
            or "transactional_db" in fixtures
        )

    items[:] = sorted(items, key=empties_database)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        message = (
            "Chromium is not installed (apt-get install chromium fonts-noto-core); "
            "browser tests need it."
        )
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="module")
def live_server(django_db_setup, django_db_blocker):
    """A live server per test module, started once the test database exists and
    stopped before it is dropped (pytest-django's session-wide one outlives it and
    keeps a PostgreSQL connection open)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    # Stop serving, but keep the shared in-memory SQLite connection shareable: the
    # browser (open for the whole session) may still close kept-alive sockets, and
    # their threads then close that connection (a no-op for in-memory databases).
    server.thread.terminate()
    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "close_pool"):
                connection.close_pool()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return save


@pytest.fixture
def seed_article(db):
    """The seed piece, imported and published an hour ago, never edited since."""
    article = make_seed_article()
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Article.objects.filter(pk=article.pk).update(
        status="published", published_at=an_hour_ago, updated_at=an_hour_ago
    )
    article.refresh_from_db()
    return article


def pytest_terminal_summary(terminalreporter):
    if not CHROMIUM and not os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
        terminalreporter.write_line(
            "Browser tests were SKIPPED: Chromium is not installed "
            "(apt-get install chromium fonts-noto-core to run them).",
            yellow=True,
            bold=True,
        )


@pytest.fixture
def default_sections(db):
    """The sections the data migration makes, made again when a transactional test
    (which empties the database when it ends) ran before in this process."""
    from importlib import import_module

    from articles.models import Section

    migration = import_module("articles.migrations.0020_default_sections_and_roles")
    for order, name, slug in migration.SECTIONS:
        Section.objects.get_or_create(
            name=name, defaults={"slug": slug, "order": order}
        )


@pytest.fixture
def desk(client, db):
    """A test client signed in to the desk as the editor amal (``desk.user``)."""
    client.user = editor("amal")
    client.force_login(client.user)
    return client


@pytest.fixture
def key():
    """A partner's API key (the key itself, shown once when it is made)."""
    return api_key_create("وكالة شريكة", by=None)[1]


@pytest.fixture
def partner(client, key):
    """A client sending the partner's key with every request."""
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client
