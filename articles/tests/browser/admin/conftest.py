"""Fixtures for the desk's browser tests; the browser, live server and screenshots
come from the browser tests' conftest one level up."""

import importlib.util

import pytest

# pytest-playwright comes with the public site's browser tests (requirements.txt);
# without it these tests are not collected at all.
if importlib.util.find_spec("pytest_playwright") is None:
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # An Arabic newsroom's browsers ask for Arabic first.
    return {
        **browser_context_args,
        "locale": "ar",
        "viewport": {"width": 1366, "height": 900},
    }


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
