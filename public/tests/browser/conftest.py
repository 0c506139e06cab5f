"""Shared by the public site's browser tests."""

import pytest


@pytest.fixture
def open_page(browser):
    """Open a page of the given size recording console errors into ``errors``; its
    context is closed after the test, so no connection to the server stays open."""
    contexts = []

    def open_(viewport, errors):
        context = browser.new_context(viewport=viewport, locale="ar-QA")
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        return page

    yield open_
    for context in contexts:
        context.close()
