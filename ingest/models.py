"""Import batches: big uploads from the desk, imported in the background."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """An upload confirmed in the desk and imported by a worker (``ingest.tasks``),
    one file after another; ``report`` holds what happened to each file as it goes.
    The parsed files wait in the staging folder (``ingest.staging``) until the batch
    is done, so a worker that stops loses nothing: the next one goes on from
    ``done``."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for a worker")
        RUNNING = "running", _("importing")
        DONE = "done", _("done")

    token = models.CharField(_("staging token"), max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    publish = models.BooleanField(_("publish"), default=False)
    default_source = models.ForeignKey(
        "articles.Source",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default source"),
    )
    total = models.PositiveIntegerField(_("files"))
    done = models.PositiveIntegerField(_("files imported"), default=0)
    report = models.JSONField(_("report"), default=list)
    heartbeat_at = models.DateTimeField(
        _("last progress"),
        null=True,
        blank=True,
        help_text=_("When the worker last finished a file."),
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    problem = models.TextField(
        _("problem"),
        blank=True,
        help_text=_("What stopped the worker, when it could not go on."),
    )

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.pk}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 100
