"""Merging several rows into one from a list's action (sources, tags): a screen
that shows what moves and asks which row stays, then the merge."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from desk.forms import MergeForm


@dataclass(frozen=True)
class MergeScreen:
    """What differs from one kind of row to another."""

    form_class: type[MergeForm]
    #: merge(row, into=row_that_stays, by=user): the service merging one row.
    merge: Callable
    title: str
    #: The warning when fewer than two rows are selected.
    too_few: str
    #: The message after the merge, with ``%(into)s`` and ``%(names)s``.
    merged: str
    template: str
    #: The list's action that opens the screen (posted again to confirm).
    action: str


def merge_selected(model_admin, request, rows, screen: MergeScreen):
    """Show the confirmation screen for the selected ``rows`` (ordered, the first
    offered as the one that stays), or merge them once it is confirmed."""
    if rows.count() < 2:
        model_admin.message_user(request, screen.too_few, messages.WARNING)
        return None
    form = screen.form_class.for_post(
        request.POST, rows=rows, initial={"into": rows[0]}
    )
    if form.is_valid():  # never for the list's action (an unbound form)
        into = form.cleaned_data["into"]
        merged = [row for row in rows if row.pk != into.pk]
        for row in merged:
            screen.merge(row, into=into, by=request.user)
        model_admin.message_user(
            request,
            screen.merged
            % {"into": into.name, "names": "، ".join(row.name for row in merged)},
            messages.SUCCESS,
        )
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": screen.title,
        "subtitle": None,
        "opts": model_admin.opts,
        "form": form,
        "rows": rows,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action": screen.action,
        "media": model_admin.media,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, screen.template, context)
