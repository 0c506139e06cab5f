"""The sections in every public page's navigation: read once and kept in the cache
(shared by every app process) until a section is saved or deleted, so a page's
queries are its own."""

import contextlib

from django.core.cache import cache
from django.db import connection, transaction

from articles.models import Section

CACHE_KEY = "newsroom:nav:sections"


def main_sections() -> list[dict]:
    """Return the top-level sections in navigation order, each as ``name`` and
    ``url``: one cache read, or one query when a section changed since."""
    try:
        sections = cache.get(CACHE_KEY)
    except Exception:
        sections = None
    if sections is None:
        sections = [
            {"name": section.name, "url": section.get_absolute_url()}
            for section in Section.objects.main().only("name", "slug")
        ]
        with contextlib.suppress(Exception):
            cache.set(CACHE_KEY, sections, timeout=None)
    return sections


def _forget() -> None:
    with contextlib.suppress(Exception):
        cache.delete(CACHE_KEY)


def sections_changed(**_signal_kwargs) -> None:
    """A section was saved or deleted: read them again, now and once the transaction
    commits (a request in between could keep what it read before the commit)."""
    _forget()
    if connection.in_atomic_block:
        transaction.on_commit(_forget, robust=True)
