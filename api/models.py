"""API keys: one per partner, stored as a hash (the key itself is shown once, when it
is made), revocable, with the time of its last use."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    partner = models.CharField(
        _("partner"),
        max_length=200,
        help_text=_(
            "Who reads the API with this key (an agency, a site, an app). One key in "
            "use per partner: revoke the old key before making a new one."
        ),
    )
    prefix = models.CharField(
        _("key begins with"),
        max_length=8,
        editable=False,
        help_text=_("The key's first characters, to tell keys apart."),
    )
    digest = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("made by"),
    )
    revoked_at = models.DateTimeField(
        _("revoked"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("From then on the key is refused (403)."),
    )
    last_used_at = models.DateTimeField(
        _("last used"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The last request made with the key (to the minute)."),
    )

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["partner", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(revoked_at__isnull=True),
                name="apikey_one_in_use_per_partner",
            )
        ]

    def __str__(self):
        return f"{self.partner} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
