"""The signal the second step of signing in sends, and the receivers of Django's and
django-axes' sign-in signals: every failed sign-in and every lockout goes to the
``newsroom.signin`` log, with the name tried and the address counted (see
``client_ip``); every sign-in stamps its session (see ``sessions.session_stamp``)."""

import logging

from django.dispatch import Signal

from .client_ip import client_ip
from .sessions import session_stamp

log = logging.getLogger("newsroom.signin")

#: Sent by ``two_factor`` with ``event`` ("enrolled", "failed", "backup_code_used" or
#: "reset"), ``user`` (whose second step it is) and ``request`` (None from a command).
two_factor_event = Signal()


def log_failure(sender, credentials, request=None, **kwargs):
    log.warning(
        "sign-in failed for %r from %s",
        (credentials or {}).get("username", ""),
        client_ip(request) if request is not None else "?",
    )


def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    log.warning("sign-in locked for %r from %s", username or "", ip_address or "?")


def stamp_session(sender, request=None, user=None, **kwargs):
    """A new sign-in: its session records when, from where and in which browser."""
    if request is not None and hasattr(request, "session"):
        session_stamp(request)
