from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One thing that happened on the desk worth answering for later. Written by
    ``audit.receivers`` only; never changed or deleted from the desk."""

    class Action(models.TextChoices):
        SIGNED_IN = "signed_in", _("signed in to the desk")
        SIGN_IN_FAILED = "sign_in_failed", _("sign-in failed")
        LOCKED_OUT = "locked_out", _("locked out")
        SIGNED_OUT = "signed_out", _("signed out")
        TWO_FACTOR_ENROLLED = "2fa_enrolled", _("two-factor sign-in set up")
        TWO_FACTOR_FAILED = "2fa_failed", _("wrong two-factor code")
        BACKUP_CODE_USED = "2fa_backup_code_used", _("backup code used")
        TWO_FACTOR_RESET = "2fa_reset", _("two-factor sign-in reset")
        USER_CREATED = "user_created", _("account created")
        USER_DEACTIVATED = "user_deactivated", _("account deactivated")
        USER_REACTIVATED = "user_reactivated", _("account reactivated")
        ROLES_CHANGED = "roles_changed", _("roles or permissions changed")
        SCOPE_CHANGED = "scope_changed", _("sections someone works in changed")
        ARTICLE_MOVED = "article_moved", _("article published, withdrawn or moved")
        IMPORTED = "imported", _("files were imported")
        SOURCES_MERGED = "sources_merged", _("sources merged")
        CORRECTED = "corrected", _("correction published")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(
        _("name given"),
        max_length=150,
        blank=True,
        help_text=_("The user name, also when the account does not exist."),
    )
    address = models.GenericIPAddressField(_("from where"), null=True, blank=True)
    subject = models.CharField(
        _("about"),
        max_length=300,
        blank=True,
        help_text=_("The account, article or source concerned."),
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["action", "-at"], name="audit_action_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.actor_name}"
