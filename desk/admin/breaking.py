"""The breaking-news line on the desk: editors and the chief write it with an expiry
and take it down early; the list keeps every line as its history."""

from datetime import timedelta

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import BreakingNews
from desk.admin.common import DeskAdminMixin, desk_datetime

#: A new line is shown for an hour unless the editor says otherwise.
DEFAULT_DURATION = timedelta(hours=1)


@admin.register(BreakingNews)
class BreakingNewsAdmin(DeskAdminMixin, admin.ModelAdmin):
    changelist_titles = (
        _("Select a breaking-news line to change"),
        _("Select a breaking-news line to view"),
    )
    list_display = ["text", "shown_from", "shown_until", "state", "created_by"]
    list_select_related = ["created_by"]
    fields = ["text", "url", "starts_at", "expires_at"]
    actions = ["take_down"]

    def get_changeform_initial_data(self, request):
        return {"expires_at": timezone.now() + DEFAULT_DURATION}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("shown from"), ordering="starts_at")
    def shown_from(self, line):
        return desk_datetime(line.starts_at)

    @admin.display(description=_("shown until"), ordering="expires_at")
    def shown_until(self, line):
        return desk_datetime(line.expires_at)

    @admin.display(description=_("state"))
    def state(self, line):
        now = timezone.now()
        if line.expires_at <= now:
            return _("expired")
        return _("on the site") if line.starts_at <= now else _("scheduled")

    @admin.action(permissions=["change"], description=_("Take down now"))
    def take_down(self, request, queryset):
        now = timezone.now()
        lines = list(queryset.not_expired())
        for line in lines:
            # Saved one by one: each save makes the public pages fresh. A line not
            # shown yet ends before it would have started.
            line.starts_at = min(line.starts_at, now - timedelta(seconds=1))
            line.expires_at = now
            line.save(update_fields=["starts_at", "expires_at"])
        self.message_user(
            request,
            ngettext(
                "%(count)d line taken down.", "%(count)d lines taken down.", len(lines)
            )
            % {"count": len(lines)},
            messages.SUCCESS,
        )
