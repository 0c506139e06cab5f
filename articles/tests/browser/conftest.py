"""Browser tests: pytest-playwright driving Debian's Chromium (never a downloaded one).

Without Chromium they are skipped with a message, unless NEWSROOM_REQUIRE_BROWSER is
set (CI sets it), in which case they fail.
"""

import json
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from articles.body import figure_marker
from articles.models import Article, Caption, Image, Source

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# the tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
SEED = Path(settings.BASE_DIR) / "seeds" / "000_4f78182034c9b7d2.json"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


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
    """A live server for this folder's tests, started once the test database exists
    and stopped before it is dropped (pytest-django's session-wide one outlives it and
    keeps a PostgreSQL connection open)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


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
    """The seed piece, entered as the importer will: figures as captions whose photos
    have not arrived yet, the sources line as sources."""
    data = json.loads(SEED.read_text(encoding="utf-8"))
    parts, figures = [], []
    for block in data["blocks"]:
        if block["type"] == "figure":
            figures.append(block)
            parts.append(figure_marker(len(figures)))
        elif block["type"] == "subheading":
            parts.append("## " + block["text"])
        else:
            parts.append(block["text"])
    article = Article.objects.create(
        headline=data["headline"],
        body="\n\n".join(parts),
        status="published",
        published_at=timezone.now() - timedelta(hours=1),
    )
    article.sources.set(Source.objects.create(name=name) for name in data["sources"])
    for position, figure in enumerate(figures, 1):
        credit, _ = Source.objects.get_or_create(name=figure["credit"])
        image = Image.objects.create(alt_text=figure["alt"], credit=credit)
        Caption.objects.create(
            article=article, image=image, text=figure["caption"], position=position
        )
    # Published as imported, never edited since.
    Article.objects.filter(pk=article.pk).update(updated_at=article.published_at)
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
