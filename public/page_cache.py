"""Whole public responses for anonymous readers, cached through Django's cache
framework under the site's generation (``public.freshness``), and conditional
requests answered before anything is rendered.

Readers without a session cookie only: staff browsing the site (and the admin and
the previews, which do not use this decorator) are never cached.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.encoding import iri_to_uri
from django.utils.http import http_date

from public import freshness
from public.varnish import PAGE_MARKER

logger = logging.getLogger("newsroom")


#: Cached responses: pages, redirects to a page's canonical address, not-found and
#: withdrawn (410) pages.
CACHED_STATUSES = {200, 301, 404, 410}


def _is_anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request) -> str:
    address = f"{request.get_host()}{iri_to_uri(request.get_full_path())}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"newsroom:page:{digest}"


def cache_timeout(state) -> int:
    """How long a response made in ``state`` may be kept: the page cache's time, or
    less when a scheduled publication falls due sooner."""
    timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
    due = state.seconds_until_due()
    return timeout if due is None else max(1, min(timeout, int(due)))


def _validators(response, state, max_age):
    response.headers["ETag"] = state.etag
    response.headers["Last-Modified"] = http_date(state.changed_at.timestamp())
    patch_cache_control(response, public=True, max_age=max_age)
    response.headers[PAGE_MARKER] = "1"
    return response


#: Responses are kept with every header the middleware stack gave them, but these.
UNKEPT_HEADERS = {"set-cookie", "date", "etag", "last-modified", "cache-control"}


class PageCacheMiddleware:
    """First in ``MIDDLEWARE``: answers an anonymous reader's GET or HEAD of a public
    page from the cache before any other middleware runs (no session, no CSRF, no
    language, no template), with the headers the stack gave the page when it was
    rendered; a 304 when the reader's copy is current. One cache round trip reads the
    site's state and the page together. On the way out, stores what ``public_page``
    marked as cacheable, headers included."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.skipped = tuple(
            prefix
            for prefix in (
                "/admin/",
                # The partners' API checks its key first; it caches behind that.
                "/api/",
                "/healthz",
                "/readyz",
                settings.STATIC_URL,
                settings.MEDIA_URL,
            )
            if prefix
        )

    def __call__(self, request):
        if (
            settings.NEWSROOM_PAGE_CACHE_SECONDS <= 0  # turned off
            or not _cacheable_request(request)
            or request.path.startswith(self.skipped)
        ):
            return self.get_response(request)
        key = _key(request)
        try:
            values = cache.get_many([freshness.STATE_KEY, key])
        except Exception as error:
            # The cache is a shortcut: without it the page is rendered as for staff.
            logger.warning("Page cache unavailable: %s", error)
            return self.get_response(request)
        stored = values.get(key)
        if stored is not None:
            state = freshness.state_from(values.get(freshness.STATE_KEY))
            if stored[0] == state.generation:
                return _replay(request, stored, state)
        response = self.get_response(request)
        state = getattr(response, "newsroom_state", None)
        if (
            state is not None
            and response.status_code in CACHED_STATUSES
            and not response.streaming
            and not response.cookies
        ):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNKEPT_HEADERS
            ]
            cache.set(
                key,
                (
                    state.generation,
                    response.status_code,
                    headers,
                    response.content,
                    response.newsroom_max_age,
                ),
                cache_timeout(state),
            )
        return response


def _cacheable_request(request) -> bool:
    return request.method in ("GET", "HEAD") and _is_anonymous(request)


def _replay(request, stored, state):
    _generation, status, headers, content, max_age = stored
    not_modified = get_conditional_response(
        request, etag=state.etag, last_modified=int(state.changed_at.timestamp())
    )
    if not_modified is not None:
        return _validators(not_modified, state, max_age)
    response = HttpResponse(content, status=status, headers=headers)
    return _validators(response, state, max_age)


def public_page(max_age=60):
    """Decorate a public view: ``ETag`` and ``Last-Modified`` from the site's state
    (304 to a conditional GET or HEAD without rendering), ``Cache-Control: public,
    max-age`` for browsers and proxies, and for anonymous readers the response marked
    for :class:`PageCacheMiddleware` to keep whole."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            state = freshness.current()
            not_modified = get_conditional_response(
                request,
                etag=state.etag,
                last_modified=int(state.changed_at.timestamp()),
            )
            if not_modified is not None:
                return _validators(not_modified, state, max_age)
            # The current time zone made active for the page: found at once by each
            # of the dozen or so dates it shows (none active, each lookup fails
            # first, at three times the cost).
            with (
                freshness.rendering_in(state),
                timezone.override(timezone.get_current_timezone()),
            ):
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
            if response.status_code in CACHED_STATUSES:
                _validators(response, state, max_age)
                response.newsroom_state = state
                response.newsroom_max_age = max_age
            return response

        return wrapper

    return decorator
