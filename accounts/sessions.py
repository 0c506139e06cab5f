"""Staff sessions: what a session records at sign-in, how long it may last, and the
writes that end sessions (signing out everywhere else, or everywhere).

A signed-in session ends after ``NEWSROOM_SESSION_IDLE_MINUTES`` without a request
(idle timeout) and ``NEWSROOM_SESSION_MAX_HOURS`` after the sign-in, however busy
(absolute lifetime); :class:`~accounts.middleware.SessionLimitsMiddleware` enforces
both. A password change ends the user's other sessions through Django's session
hash: their stored hash no longer matches, so Django signs them out on their next
request, and :func:`sessions_active` no longer lists them."""

import time

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .client_ip import client_ip
from .models import UserSession

# Keys in the session's data; the session engine copies them to columns.
SIGNED_IN_AT = "newsroom.signed_in_at"
LAST_SEEN = "newsroom.last_seen"
ADDRESS = "newsroom.address"
BROWSER = "newsroom.browser"
#: Seconds between two updates of ``LAST_SEEN``: one session write a minute at most.
REFRESH_SECONDS = 60


def session_stamp(request) -> None:
    """Record in a session that has just signed in when, from where and with which
    browser."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    request.session[ADDRESS] = client_ip(request)
    request.session[BROWSER] = request.META.get("HTTP_USER_AGENT", "")[:300]


def session_expiry(session, now: float) -> str | None:
    """Why a signed-in session's time is up ("idle" or "lifetime"), or None."""
    signed_in, last_seen = session.get(SIGNED_IN_AT), session.get(LAST_SEEN)
    if not isinstance(signed_in, int) or not isinstance(last_seen, int):
        return "lifetime"  # not signed in through login(): never trusted
    if now - signed_in >= settings.NEWSROOM_SESSION_MAX_SECONDS:
        return "lifetime"
    if now - last_seen >= settings.NEWSROOM_SESSION_IDLE_SECONDS:
        return "idle"
    return None


def sessions_active(user):
    """The user's sessions that can still be used, newest sign-in first: not
    expired, and signed with the user's current password. Sessions a password
    change has ended are deleted on the way."""
    current = user.get_session_auth_hash()
    live, stale = [], []
    for session in UserSession.objects.filter(
        user=user, expire_date__gt=timezone.now()
    ).order_by("-signed_in_at", "-last_seen"):
        stored = session.get_decoded().get(HASH_SESSION_KEY) or ""
        (live if constant_time_compare(stored, current) else stale).append(session)
    if stale:
        UserSession.objects.filter(pk__in=[s.pk for s in stale]).delete()
    return live


@transaction.atomic
def sessions_end(user, *, keep: str | None = None) -> int:
    """End every session of ``user`` except the one whose key is ``keep``; return
    how many were ended. The browsers holding them are signed out at their next
    request."""
    ended, _ = (
        UserSession.objects.filter(user=user).exclude(session_key=keep or "").delete()
    )
    return ended
