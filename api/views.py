"""The partners' read API: published articles as ninjs 3.1 items.

Plain Django views rather than Django REST framework: two read-only endpoints whose
body is the ninjs the exporter already writes need no serializers, routers or
browsable pages, and every request's cost is a key lookup, a counter and (when the
site changed) one listing query; DRF would add a dependency and a layer per request
for features unused here.

Every request: its key (401 without a known one, 403 revoked), its rate (429), then
the site's state (``public.freshness``): ``ETag``/``Last-Modified`` and a 304 to a
conditional request without a query; otherwise the body from the cache under the
state's generation, or made and kept there. Responses are ``private``: each partner
caches its own.
"""

import base64
import hashlib
import json
from datetime import datetime
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _

from api.access import find_key, record_use, request_key, seconds_to_wait
from api.openapi import openapi_description
from articles.models import Article, Section, Source, Tag
from ingest.exporter import article_wire_piece
from ingest.importer.ninjs import ninjs_item
from public import freshness
from public.page_cache import cache_timeout

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
JSON = "application/json"


def error(status: int, code: str, message: str) -> JsonResponse:
    """A JSON error: ``{"error": code, "message": …}``; the code never changes."""
    return JsonResponse({"error": code, "message": message}, status=status)


class BadRequest(ValueError):
    """A parameter the API cannot read; its text is the message."""


def partner_view(view):
    """Key, rate and caching for an API view (see the module docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error(405, "method_not_allowed", _("Only GET is answered."))
            response["Allow"] = "GET, HEAD"
            return response
        key = find_key(request_key(request))
        if key is None:
            response = error(
                401,
                "no_key",
                _("Send a valid API key: Authorization: Bearer <key>."),
            )
            response["WWW-Authenticate"] = 'Bearer realm="api"'
            return response
        if key.is_revoked:
            return error(403, "revoked_key", _("This API key was revoked."))
        record_use(key)
        if wait := seconds_to_wait(key):
            response = error(
                429, "rate_limited", _("Too many requests: wait a minute.")
            )
            response["Retry-After"] = str(wait)
            return response
        state = freshness.current()
        not_modified = get_conditional_response(
            request, etag=state.etag, last_modified=int(state.changed_at.timestamp())
        )
        if not_modified is not None:
            return _validators(not_modified, state)
        address = request.get_full_path().encode()
        stored = (
            f"newsroom:api:{state.generation}:{hashlib.sha256(address).hexdigest()}"
        )
        body = cache.get(stored)
        if body is not None:
            return _validators(HttpResponse(body, content_type=JSON), state)
        try:
            response = view(request, *args, **kwargs)
        except BadRequest as problem:
            return error(400, "bad_request", str(problem))
        if response.status_code == 200:
            cache.set(stored, response.content, cache_timeout(state))
            _validators(response, state)
        return response

    return wrapper


def _validators(response, state):
    response["ETag"] = state.etag
    response["Last-Modified"] = http_date(state.changed_at.timestamp())
    response["Vary"] = "Authorization, X-Api-Key"
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _json(data) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, content_type=JSON)


@partner_view
def items(request):
    """Published articles, newest first, 20 (``limit``, up to 100) at a time;
    ``source``, ``section`` and ``tag`` (their slugs) and ``since`` (published from
    then on) filter them, ``cursor`` continues from the previous page's ``next``."""
    articles = Article.objects.published().newest_first()
    for name, model, narrow in (
        ("source", Source, "from_source"),
        ("section", Section, "in_section"),
        ("tag", Tag, "tagged"),
    ):
        if slug := request.GET.get(name):
            found = model.objects.filter(slug=slug).first()
            if found is None:
                raise BadRequest(
                    _("No %(kind)s with the slug “%(slug)s”.")
                    % {"kind": model._meta.verbose_name, "slug": slug}
                )
            articles = getattr(articles, narrow)(found)
    if since := request.GET.get("since"):
        articles = articles.filter(published_at__gte=_moment(since))
    if cursor := request.GET.get("cursor"):
        published_at, pk = _read_cursor(cursor)
        articles = articles.filter(published_at__lte=published_at).exclude(
            published_at=published_at, pk__gte=pk
        )
    size = _limit(request.GET.get("limit"))
    page = list(articles.for_page()[: size + 1])
    more = len(page) > size
    page = page[:size]
    following = None
    if more:
        query = request.GET.copy()
        query["cursor"] = _cursor(page[-1])
        following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return _json({"items": [_item(article) for article in page], "next": following})


@partner_view
def item(request, pk: int):
    """One published article."""
    article = Article.objects.published().for_page().filter(pk=pk).first()
    if article is None:
        return error(404, "not_found", _("No published article with this id."))
    return _json(_item(article))


def schema(request):
    """The OpenAPI description of this API (public: it holds no news)."""
    return JsonResponse(
        openapi_description(request.build_absolute_uri("/api/v1/")),
        json_dumps_params={"ensure_ascii": False},
    )


def _item(article) -> dict:
    return ninjs_item(article_wire_piece(article))


def _cursor(article) -> str:
    """An opaque cursor after ``article``: its publication time and id."""
    raw = json.dumps([article.published_at.isoformat(), article.pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _read_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment, pk = json.loads(raw)
        return datetime.fromisoformat(moment), int(pk)
    except (ValueError, TypeError):
        raise BadRequest(_("This cursor is not one the API gave.")) from None


def _moment(value: str) -> datetime:
    """``since``: an ISO 8601 time (with its offset, or in the site's zone) or day."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise BadRequest(
            _("“since” is not an ISO 8601 time or date: %(value)s") % {"value": value}
        ) from None
    if moment.tzinfo is None:
        moment = timezone.make_aware(moment)
    return moment


def _limit(value: str | None) -> int:
    if value is None:
        return PAGE_SIZE
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE_SIZE:
        raise BadRequest(
            _("“limit” is a whole number from 1 to %(most)s.") % {"most": MAX_PAGE_SIZE}
        )
    return int(value)
