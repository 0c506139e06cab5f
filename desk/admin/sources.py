"""Sources: counts of what each one is credited for, alternative spellings,
confirming and merging."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Source, SourceAlias
from articles.services import source_confirm, source_merge
from articles.text import match_key
from desk.admin.common import DeskAdminMixin
from desk.admin.merging import MergeScreen, merge_selected
from desk.forms import SourceMergeForm

SOURCE_MERGE = MergeScreen(
    SourceMergeForm,
    source_merge,
    title=_("Merge sources"),
    too_few=_("Select at least two sources to merge."),
    merged=_("Merged into “%(into)s”: %(names)s. Their names are now spellings of it."),
    template="admin/articles/source/merge_confirm.html",
    action="merge_sources",
)


class SourceAliasInline(DeskAdminMixin, admin.TabularInline):
    model = SourceAlias
    extra = 1
    fields = ["name"]


@admin.register(Source)
class SourceAdmin(DeskAdminMixin, admin.ModelAdmin):
    changelist_titles = (_("Select a source to change"), _("Select a source to view"))
    list_display = [
        "name",
        "english_name",
        "kind",
        "is_confirmed",
        "article_count",
        "photo_count",
    ]
    list_filter = ["is_confirmed", "kind"]
    search_fields = ["name", "name_en"]
    search_help_text = _(
        "Searches names and alternative spellings, with or without harakat and hamza."
    )
    ordering = ["name"]
    fields = ["name", "name_en", "kind", "url", "slug", "is_confirmed"]
    inlines = [SourceAliasInline]
    actions = ["confirm_sources", "merge_sources"]
    list_per_page = 100

    class Media:
        css = {"all": ["admin-desk/desk.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def get_search_results(self, request, queryset, search_term):
        """Match names and spellings by their key (no harakat, tatweel or hamza
        variants), so that أسوشيتد and اسوشيتد find the same source."""
        key = match_key(search_term)
        if not key:
            return queryset, False
        matches = (
            Q(key__contains=key)
            | Q(name_en__icontains=search_term.strip())
            | Q(pk__in=SourceAlias.objects.filter(key__contains=key).values("source"))
        )
        return queryset.filter(matches), False

    @admin.display(description=_("English name"), ordering="name_en")
    def english_name(self, source):
        return (
            format_html('<bdi dir="ltr">{}</bdi>', source.name_en)
            if source.name_en
            else ""
        )

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, source):
        return source.article_count

    @admin.display(description=_("photos credited"), ordering="photo_count")
    def photo_count(self, source):
        return source.photo_count

    def has_merge_permission(self, request):
        return request.user.has_perm("articles.merge_sources")

    @admin.action(permissions=["change"], description=_("Confirm the selected sources"))
    def confirm_sources(self, request, queryset):
        count = 0
        for source in queryset.filter(is_confirmed=False):
            source_confirm(source, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d source confirmed.", "%(count)d sources confirmed.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(permissions=["merge"], description=_("Merge the selected sources"))
    def merge_sources(self, request, queryset):
        """Ask which source stays, show what moves, then merge the others into it."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        sources = queryset.prefetch_related("aliases").order_by("-is_confirmed", "name")
        return merge_selected(self, request, sources, SOURCE_MERGE)
