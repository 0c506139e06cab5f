"""Pieces shared by the desk's admin screens."""

from django.contrib import messages
from django.contrib.admin import ActionLocation, helpers
from django.contrib.admin.views.main import IS_POPUP_VAR
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from desk.forms import with_dir_auto


class DeskAdminMixin:
    """Text inputs take their direction from what is typed (``dir="auto"``); list
    actions refuse a selection that names no row instead of failing; the list has
    the title of ``changelist_titles`` (whoever may change, whoever may only view):
    Django's "Select %s to change" cannot agree with each model's name in Arabic."""

    changelist_titles: tuple = ()

    def changelist_view(self, request, extra_context=None):
        if self.changelist_titles and IS_POPUP_VAR not in request.GET:
            change, view = self.changelist_titles
            title = change if self.has_change_permission(request) else view
            extra_context = {"title": title, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            with_dir_auto(formfield.widget)
        return formfield

    def response_action(
        self, request, queryset, action_location=ActionLocation.CHANGE_LIST
    ):
        # Django filters by the posted ids as they are: one that is not a number
        # would stop the request with an error.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        try:
            for value in selected:
                self.opts.pk.to_python(value)
        except ValidationError:
            self.message_user(
                request,
                _("The selection names items that do not exist: nothing was changed."),
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset, action_location)


def thumbnail_html(image, *, size: int = 96):
    """Return an <img> of ``image``'s thumbnail, or a "no photo yet" label."""
    if image is None or not image.file:
        return format_html('<span class="desk-no-photo">{}</span>', _("No photo yet"))
    source = image.thumbnail or image.file
    return format_html(
        '<img class="desk-thumb" src="{}" alt="{}" width="{}" height="{}" '
        'loading="lazy">',
        source.url,
        image.alt_text,
        size,
        _thumb_height(image, size),
    )


def _thumb_height(image, size: int) -> int:
    if image.width and image.height:
        return max(1, round(size * image.height / image.width))
    return size


def desk_datetime(value):
    """Return ``value`` as "29 نوفمبر 2026، 14:52" in local time, in a <time>; Arabic's
    default date-and-time format in Django puts the parts in English order."""
    if value is None:
        return "—"
    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(),
        formats.date_format(local, "j F Y، H:i"),
    )
