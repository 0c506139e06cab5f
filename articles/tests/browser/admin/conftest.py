"""Fixtures for the desk's browser tests (pytest-playwright on Debian's Chromium, never
a downloaded browser). Kept in this folder so they do not collide with the public
site's browser fixtures one level up."""

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make themselves are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# pytest-playwright comes with the public site's browser tests (requirements.txt);
# without it these tests are not collected at all.
if importlib.util.find_spec("pytest_playwright") is None:
    collect_ignore_glob = ["test_*.py"]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that empty the database when they end (transactional ones, and
    browser tests on a live server) after all the others, as Django does. pytest
    groups tests by Playwright's session-wide browser parameter after pytest-django
    has ordered them, which would put these in the middle: the tests after them
    would find the groups made by the migrations gone."""

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


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # An Arabic newsroom's browsers ask for Arabic first.
    return {
        **browser_context_args,
        "locale": "ar",
        "viewport": {"width": 1366, "height": 900},
    }


@pytest.fixture(scope="module")
def live_server(django_db_setup, django_db_blocker):
    """A live server for this folder, stopped before the test database is dropped
    (pytest-django's session-wide one keeps a PostgreSQL connection open)."""
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
def desk_screenshot():
    """Save a full-page screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name):
        path = ARTIFACTS / f"desk-{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return save


@pytest.fixture
def csp_errors(page):
    """Console messages about anything the Content Security Policy refused."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


@pytest.fixture
def log_in(live_server):
    def log_in(page, user):
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", user.get_username())
        page.fill("#id_password", "pw")
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")

    return log_in
