"""Filters and paging of the desk's article list."""

from django.contrib import admin
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from articles.models import Section, Tag

SEARCH_COUNT_CAP = 1000


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("draft")),
            ("review", _("in review")),
            ("scheduled", _("scheduled")),
            ("live", _("published")),
            ("archived", _("archived")),
            ("withdrawn", _("withdrawn")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == "live":
            return queryset.published()
        if value in ("draft", "review", "archived", "withdrawn"):
            return queryset.filter(status=value)
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = _("author")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("My articles")), ("changed", _("Last changed by me"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(created_by=request.user)
        if self.value() == "changed":
            return queryset.filter(updated_by=request.user)
        return queryset


class SearchPaginator(Paginator):
    """Counts the matches of a search only up to ``cap`` (plus one, to know there
    are more): a common word matches most of the archive, and counting every match
    would read every article."""

    cap = SEARCH_COUNT_CAP

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.cap + 1].count()


class SourceFilter(admin.RelatedFieldListFilter):
    """By source, with "without a source" for articles that still lack one."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.empty_value_display = _("without a source")


class TagFilter(admin.SimpleListFilter):
    """By tag: the most used ones, and any other chosen from a tag's page in the
    desk (its number of articles links here)."""

    title = _("tag")
    parameter_name = "tag"
    MOST_USED = 15

    def lookups(self, request, model_admin):
        tags = list(
            Tag.objects.annotate(n=Count("articles"))
            .filter(n__gt=0)
            .order_by("-n", "name")
            .values_list("pk", "name")[: self.MOST_USED]
        )
        chosen = self.value()
        if (
            chosen
            and chosen.isdigit()
            and int(chosen) not in {pk for pk, _name in tags}
        ):
            tags += Tag.objects.filter(pk=int(chosen)).values_list("pk", "name")
        return [(str(pk), name) for pk, name in tags]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(tags=int(value))
        return queryset


class SectionFilter(admin.RelatedFieldListFilter):
    """By primary section: for someone limited to some sections, only theirs."""

    def field_choices(self, field, request, model_admin):
        return [
            (section.pk, str(section))
            for section in Section.objects.in_desk_scope(request.user).order_by(
                "order", "name"
            )
        ]
