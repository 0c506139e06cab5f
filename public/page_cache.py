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
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.encoding import iri_to_uri
from django.utils.http import http_date

from public import freshness
from public.varnish import PAGE_MARKER

logger = logging.getLogger("newsroom")

#: Headers a cached response keeps (the others are set again on every answer).
KEPT_HEADERS = ("Content-Type", "Location", "Content-Language", "X-Robots-Tag")
#: Cached responses: pages, redirects to a page's canonical address, not-found pages.
CACHED_STATUSES = {200, 301, 404}


def _is_anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request, state) -> str:
    address = f"{request.get_host()}{iri_to_uri(request.get_full_path())}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"newsroom:page:{state.generation:x}:{digest}"


def _timeout(state) -> int:
    timeout = settings.NEWSROOM_PAGE_CACHE_SECONDS
    due = state.seconds_until_due()
    return timeout if due is None else max(1, min(timeout, int(due)))


def _validators(response, state, max_age):
    response.headers["ETag"] = state.etag
    response.headers["Last-Modified"] = http_date(state.changed_at.timestamp())
    patch_cache_control(response, public=True, max_age=max_age)
    response.headers[PAGE_MARKER] = "1"
    return response


def public_page(max_age=60):
    """Decorate a public view: ``ETag`` and ``Last-Modified`` from the site's state
    (304 to a conditional GET or HEAD without rendering), whole responses cached for
    anonymous readers, ``Cache-Control: public, max-age`` for browsers and proxies."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or not _is_anonymous(request):
                return view(request, *args, **kwargs)
            state = freshness.current()
            not_modified = get_conditional_response(
                request,
                etag=state.etag,
                last_modified=int(state.changed_at.timestamp()),
            )
            if not_modified is not None:
                return _validators(not_modified, state, max_age)
            key = _key(request, state)
            stored = cache.get(key)
            if stored is not None:
                status, headers, content = stored
                response = HttpResponse(content, status=status, headers=headers)
                return _validators(response, state, max_age)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code in CACHED_STATUSES and not response.streaming:
                headers = {h: response[h] for h in KEPT_HEADERS if h in response}
                cache.set(
                    key,
                    (response.status_code, headers, response.content),
                    _timeout(state),
                )
            if response.status_code in CACHED_STATUSES:
                _validators(response, state, max_age)
            return response

        return wrapper

    return decorator
