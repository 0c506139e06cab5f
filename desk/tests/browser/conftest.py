"""Fixtures for the desk's browser tests; the browser, live server and screenshots come
from the project's conftest."""

import pytest

from accounts.tests.two_factor import authenticator, totp_code


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
    """Sign ``user`` in to the desk as staff do: the password, then a code from the
    authenticator app set up for them here."""

    def log_in(page, user):
        device = authenticator(user)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", user.get_username())
        page.fill("#id_password", "pw")
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/two-factor/verify/**")
        page.fill("#id_code", totp_code(device))
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")

    return log_in
