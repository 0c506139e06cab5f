"""Desk scoping on the desk: the chief (or a superuser) limits a member of staff to
some sections (``DeskScope``); the article, front-page and section screens then show
and accept only those sections (see ``articles.scopes``)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models import DeskScope, Section
from articles.scopes import is_scoped
from desk.admin.common import DeskAdminMixin

#: Fields naming the section an article (or a front) is filed under.
SECTION_FIELDS = {"section", "sections"}


def scoped_section_field(request, db_field, kwargs: dict) -> dict:
    """``kwargs`` for the form field of a section field, limited to the sections
    ``request.user`` works in (a section required of a scoped user's article or
    front: without one it would leave their scope)."""
    if db_field.name in SECTION_FIELDS and is_scoped(request.user):
        kwargs["queryset"] = Section.objects.in_desk_scope(request.user)
        if db_field.name == "section":
            kwargs["required"] = True
    return kwargs


@admin.register(DeskScope)
class DeskScopeAdmin(DeskAdminMixin, admin.ModelAdmin):
    changelist_titles = (
        _("Select a desk scope to change"),
        _("Select a desk scope to view"),
    )
    list_display = ["user", "section_names"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    fields = ["user", "sections"]
    autocomplete_fields = ["sections"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sections")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(
                is_staff=True, is_superuser=False
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("sections"))
    def section_names(self, scope):
        return format_html_join("، ", "{}", ((s.name,) for s in scope.sections.all()))
