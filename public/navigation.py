"""What every public page shows around its content: the sections of the navigation
and the breaking-news line. Read once and kept in the cache (shared by every app
process) until a section or a breaking-news line is saved or deleted, so a page's
queries are its own."""

import contextlib
import time

from django.core.cache import cache
from django.db import connection, transaction

from articles.models import BreakingNews, Section

CACHE_KEY = "newsroom:nav"


def chrome() -> dict:
    """The sections and the breaking-news lines not yet expired: one cache read, or
    two queries when one of them changed since. A page reads it once for both
    (``public.context_processors.site``)."""
    try:
        chrome = cache.get(CACHE_KEY)
    except Exception:
        chrome = None
    if chrome is None:
        chrome = {
            "sections": [
                {"name": section.name, "url": section.get_absolute_url()}
                for section in Section.objects.main().only("name", "slug")
            ],
            "breaking": [
                (
                    line.text,
                    line.url,
                    line.starts_at.timestamp(),
                    line.expires_at.timestamp(),
                )
                for line in BreakingNews.objects.not_expired().order_by(
                    "-starts_at", "-pk"
                )
            ],
        }
        with contextlib.suppress(Exception):
            cache.set(CACHE_KEY, chrome, timeout=None)
    return chrome


def main_sections(read=None) -> list[dict]:
    """Return the top-level sections in navigation order, each as ``name`` and
    ``url`` (from ``read``, what ``chrome()`` returned, or read now)."""
    return (read or chrome())["sections"]


def breaking_news(read=None) -> dict | None:
    """Return the breaking-news line shown now (``text`` and ``url``), the latest
    one started, or None: its times are compared with the clock, so an expired line
    is never shown, whatever the cache holds (from ``read``, what ``chrome()``
    returned, or read now)."""
    now = time.time()
    for text, url, starts, expires in (read or chrome())["breaking"]:
        if starts <= now < expires:
            return {"text": text, "url": url}
    return None


def _forget() -> None:
    with contextlib.suppress(Exception):
        cache.delete(CACHE_KEY)


def chrome_changed(**_signal_kwargs) -> None:
    """A section or a breaking-news line was saved or deleted: read them again, now
    and once the transaction commits (a request in between could keep what it read
    before the commit)."""
    _forget()
    if connection.in_atomic_block:
        transaction.on_commit(_forget, robust=True)
