from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSession(AbstractBaseSession):
    """A session as Django's database engine keeps it, with whose it is and where it
    came from in columns of its own, so that a user's sessions can be listed and
    ended without decoding every session (see ``accounts.session_store``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
        help_text=_("Who signed in; empty for a session without a sign-in."),
    )
    signed_in_at = models.DateTimeField(_("signed in"), null=True, blank=True)
    last_seen = models.DateTimeField(
        _("last active"),
        null=True,
        blank=True,
        help_text=_("Updated at most once a minute."),
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return f"{self.user_id or '-'} {self.signed_in_at or ''}"

    @classmethod
    def get_session_store_class(cls):
        from .session_store import SessionStore

        return SessionStore
