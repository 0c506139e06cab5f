from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class Autosave(models.Model):
    """What an editor typed in an article's form and has not saved yet, kept as they
    type (one per editor and article; ``article`` is empty for a new article). Not a
    revision: a real save of the form drops it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article"),
    )
    #: The browser tab that wrote it, so another tab is warned instead of overwriting.
    tab = models.CharField(max_length=64)
    #: The article's version the form was loaded at.
    base_version = models.PositiveIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unsaved changes")
        verbose_name_plural = _("unsaved changes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="desk_autosave_one_per_article"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article__isnull=True),
                name="desk_autosave_one_new_article",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.article or '—'} · {self.saved_at:%Y-%m-%d %H:%M}"
