"""Session length limits for signed-in users (see ``accounts.sessions``), and the
desk closed to staff who still owe the second step of signing in (see
``accounts.two_factor``)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from . import sessions, two_factor


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


class TwoFactorMiddleware:
    """Send staff who still owe the second step (``two_factor.second_step``) from any
    page of the desk to the page where they give a code or enrol, then back. Signing
    in and out stay open; pages outside the desk cost nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        desk = reverse("admin:index")
        if request.path.startswith(desk) and request.path not in {
            reverse("admin:login"),
            reverse("admin:logout"),
        }:
            user = request.user
            step = two_factor.second_step(user) if user.is_authenticated else None
            if step is not None:
                page = reverse(f"accounts:two-factor-{step}")
                if request.path != page:
                    query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
                    return redirect(f"{page}?{query}")
        return self.get_response(request)
