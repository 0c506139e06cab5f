from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in to the desk: throttled attempts (django-axes), the client address
    they are counted against, the log of failures and lockouts, and the sessions
    that follow (their length, listing them, signing out everywhere else)."""

    name = "accounts"
    verbose_name = _("Sign-in")

    def ready(self):
        # axes.signals reaches axes' models: importable only once apps are loaded.
        from axes.signals import user_locked_out

        from .signals import log_failure, log_lockout, stamp_session

        user_login_failed.connect(log_failure, dispatch_uid="newsroom-signin-failed")
        user_locked_out.connect(log_lockout, dispatch_uid="newsroom-signin-locked")
        user_logged_in.connect(stamp_session, dispatch_uid="newsroom-session-stamp")
