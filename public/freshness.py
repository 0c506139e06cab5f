"""When the public site last changed, shared by every app process through Django's
cache (Redis in production): the ``ETag``/``Last-Modified`` of every public page
and the generation in the key of every cached page.

One site-wide generation, not one per page: a write bumps it (see ``public.apps``),
so every page is fresh at once in every process, and a change can never be missed
by a page that shows it indirectly (a related card, a source's list, a credit). At
breaking-news rates (a write a minute) each page is rendered again once a minute.

A scheduled article (or front page, or breaking-news line) needs no job: the state remembers the next
scheduled time, and the first request after it starts a new generation.
"""

import contextlib
import logging
import time
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import connection, transaction

from articles.models import Article, BreakingNews, FrontPage
from public.varnish import ban_public_pages

logger = logging.getLogger("newsroom")

STATE_KEY = "newsroom:public:state"


@dataclass(frozen=True)
class State:
    generation: int  # nanoseconds since the epoch when it started
    next_due: float | None  # the next scheduled publication, a timestamp

    @property
    def etag(self) -> str:
        return f'"{self.generation:x}"'

    @property
    def changed_at(self) -> datetime:
        return datetime.fromtimestamp(self.generation // 1_000_000_000, tz=UTC)

    def seconds_until_due(self) -> float | None:
        return None if self.next_due is None else max(0.0, self.next_due - time.time())


def _next_due() -> float | None:
    """The next scheduled publication or front page arrangement, or the next start
    or expiry of a breaking-news line, a timestamp."""
    articles = (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)[:1]
    )
    fronts = (
        FrontPage.objects.scheduled()
        .order_by("goes_live_at")
        .values_list("goes_live_at", flat=True)[:1]
    )
    due = [first[0] for first in (articles, fronts) if first]
    breaking = BreakingNews.objects.next_change()
    if breaking is not None:
        due.append(breaking)
    return min(due).timestamp() if due else None


def _start(generation: int) -> State:
    state = State(generation, _next_due())
    try:
        cache.set(STATE_KEY, (state.generation, state.next_due), timeout=None)
    except Exception as error:
        logger.error("Site state not stored, the cache does not answer: %s", error)
    return state


#: The state a page is being rendered in (see ``rendering_in``).
_page_state = ContextVar("newsroom_page_state", default=None)


@contextlib.contextmanager
def rendering_in(state: State):
    """Within the block, ``current()`` answers ``state`` without reading the cache
    again: a page reads the site's state once (for its ``ETag``), and what it shows
    (its related stories, found once per generation) belongs to that same state."""
    token = _page_state.set(state)
    try:
        yield state
    finally:
        _page_state.reset(token)


def current() -> State:
    """Return the site's state: one cache read (and an indexed query for the next
    scheduled publication when a new generation starts), none while a page is
    rendered (``rendering_in``). Without a cache (a Redis outage), a generation of
    this instant: pages are rendered and validated afresh."""
    state = _page_state.get()
    if state is not None:
        return state
    try:
        stored = cache.get(STATE_KEY)
    except Exception as error:
        logger.warning("Site state unavailable: %s", error)
        return State(time.time_ns(), None)
    return state_from(stored)


def state_from(stored) -> State:
    """Return the site's state from the value of ``STATE_KEY`` (None when absent),
    read by the caller, e.g. together with a cached page."""
    if stored is None:
        return _start(time.time_ns())
    generation, next_due = stored
    if next_due is not None and next_due <= time.time():
        # A scheduled article's time has come: it changed the site then.
        logger.info("Scheduled publication due: the public pages start afresh")
        return _start(max(int(next_due * 1_000_000_000), generation + 1))
    return State(generation, next_due)


#: How far ahead of the clock a burst of writes may carry the generation (see bump).
MAX_LEAD_NS = 60 * 1_000_000_000


def bump() -> None:
    """Start a new generation now: every public page is stale in every process. Each
    generation starts at least a second after the last, so ``Last-Modified`` (whole
    seconds) advances too, even for a client that sends only ``If-Modified-Since``.
    A burst of writes faster than one a second (a big import) carries it ahead of the
    clock, but never more than ``MAX_LEAD_NS``: past that, only the ``ETag`` tells
    the writes of the burst apart. A write is never refused for want of a cache:
    when it does not answer, the error is logged (pages then expire with their
    timeout, and Varnish still gets its ban)."""
    try:
        stored = cache.get(STATE_KEY)
    except Exception as error:
        logger.error("Site state not moved on, the cache does not answer: %s", error)
        return
    now = time.time_ns()
    generation = now
    if stored is not None:
        generation = max(now, min(stored[0] + 1_000_000_000, now + MAX_LEAD_NS))
        generation = max(generation, stored[0] + 1)
    _start(generation)


def _committed() -> None:
    bump()
    ban_public_pages()


def site_changed(**_signal_kwargs) -> None:
    """The public may see something new: bump now, and again once the transaction
    commits (a request between the two could otherwise cache what it read before the
    commit under the new generation); then ban the pages from Varnish."""
    bump()
    if connection.in_atomic_block:
        transaction.on_commit(_committed, robust=True)
    else:
        ban_public_pages()
