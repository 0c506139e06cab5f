"""Session length limits for signed-in users (see ``accounts.sessions``)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.utils.translation import ngettext

from . import sessions


class SessionLimitsMiddleware:
    """Sign out a session past its idle timeout or its absolute lifetime, before the
    view runs; otherwise note its activity (at most once a minute, so that a busy
    editor's session is written once a minute, not per request). Requests without a
    session cookie cost nothing: no session is loaded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Reading the session marks the response "Vary: Cookie": readers without a
        # session cookie must keep cacheable pages, so their sessions are not read.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            reason = sessions.session_expiry(session, now)
            if reason is not None:
                logout(request)
                messages.info(request, self.message(reason))
            elif now - session[sessions.LAST_SEEN] >= sessions.REFRESH_SECONDS:
                session[sessions.LAST_SEEN] = now
        return self.get_response(request)

    @staticmethod
    def message(reason):
        if reason == "idle":
            minutes = settings.NEWSROOM_SESSION_IDLE_SECONDS // 60
            return ngettext(
                "You were signed out after %(count)d minute without activity. "
                "Sign in again.",
                "You were signed out after %(count)d minutes without activity. "
                "Sign in again.",
                minutes,
            ) % {"count": minutes}
        hours = settings.NEWSROOM_SESSION_MAX_SECONDS // 3600
        return ngettext(
            "Sessions last %(count)d hour at most. Sign in again.",
            "Sessions last %(count)d hours at most. Sign in again.",
            hours,
        ) % {"count": hours}
