"""The session engine (``SESSION_ENGINE = "accounts.session_store"``): Django's
database sessions, kept in :class:`~accounts.models.UserSession`, whose extra columns
are copied from the session's own data on every save."""

from datetime import UTC, datetime

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore

from . import sessions


def _moment(value):
    return (
        datetime.fromtimestamp(value, UTC) if isinstance(value, int | float) else None
    )


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        from .models import UserSession

        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        session.signed_in_at = _moment(data.get(sessions.SIGNED_IN_AT))
        session.last_seen = _moment(data.get(sessions.LAST_SEEN))
        session.ip_address = data.get(sessions.ADDRESS) or None
        session.user_agent = (data.get(sessions.BROWSER) or "")[:300]
        return session
