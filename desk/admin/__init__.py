"""The editorial desk: the Django admin, in Arabic and right to left, for reporters,
editors and the chief editor."""

from django.conf import settings
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from desk.admin import (  # noqa: F401 (registers the model admins)
    articles,
    breaking,
    corrections,
    front_page,
    images,
    scopes,
    sources,
    taxonomy,
)

# The task queue's own screen is for operators, in English: the desk follows its
# imports on their batch pages (ingest.admin).
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)

admin.site.site_header = format_lazy(
    "{} · {}", settings.NEWSROOM_SITE_NAME, _("Editorial desk")
)
admin.site.site_title = format_lazy(
    "{} · {}", settings.NEWSROOM_SITE_NAME, _("Editorial desk")
)
admin.site.index_title = _("Editorial desk")
