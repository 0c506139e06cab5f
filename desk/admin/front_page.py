"""The fronts on the desk: editors and the chief arrange the lead and top stories of
the home page or of a section's page, now or for a set time; every arrangement stays
in the list as its front's history, and an earlier one is put back with an
action."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models import Article, FrontPage, FrontPageSlot, Section
from articles.scopes import is_scoped
from articles.services.front_page import (
    MAX_TOP_STORIES,
    can_arrange_front_page,
    check_in_section,
    front_page_arrange,
    front_page_restore,
)
from desk.admin.common import DeskAdminMixin, desk_datetime
from desk.admin.scopes import scoped_section_field


class FrontPageSlotFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        articles = self.ordered_articles()
        if not articles:
            raise ValidationError(
                _("Choose at least a lead story."), code="front_page_empty"
            )
        # The arrangement's form is valid by now: its section is on the instance.
        check_in_section(articles, self.instance.section)

    def ordered_articles(self):
        """The chosen articles by position (then as listed)."""
        rows = [
            (form.cleaned_data.get("position") or 0, n, form.cleaned_data["article"])
            for n, form in enumerate(self.forms)
            if form.cleaned_data.get("article") and not self._should_delete_form(form)
        ]
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        return [article for _p, _n, article in sorted(rows, key=lambda r: r[:2])]


class FrontPageSlotInline(admin.TabularInline):
    model = FrontPageSlot
    formset = FrontPageSlotFormSet
    fields = ["article", "position"]
    autocomplete_fields = ["article"]
    extra = 6
    max_num = MAX_TOP_STORIES + 1
    verbose_name = _("story")
    verbose_name_plural = _("stories: position 0 is the lead, then the top stories")

    def has_add_permission(self, request, obj=None):
        return obj is None and can_arrange_front_page(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = Article.objects.in_desk_scope(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FrontPage)
class FrontPageAdmin(DeskAdminMixin, admin.ModelAdmin):
    changelist_titles = (_("Front page history"), _("Front page history"))
    list_display = ["front", "goes_live", "state", "stories", "created_by", "note"]
    list_filter = [("section", admin.EmptyFieldListFilter), "section"]
    list_select_related = ["created_by", "section"]
    fields = ["section", "goes_live_at", "note"]
    autocomplete_fields = ["section"]
    inlines = [FrontPageSlotInline]
    actions = ["put_back"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_scoped(request.user):
            # Their sections' fronts only: the home page's is not theirs.
            queryset = queryset.filter(
                section__in=Section.objects.in_desk_scope(request.user)
            )
        return queryset.prefetch_related("slots__article").with_live_pk()

    # Arrangements are never changed: a new one replaces them.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = scoped_section_field(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("front"), ordering="section__name")
    def front(self, front_page):
        return front_page.section.name if front_page.section else _("Home page")

    @admin.display(description=_("goes live"), ordering="goes_live_at")
    def goes_live(self, front_page):
        return desk_datetime(front_page.goes_live_at)

    @admin.display(description=_("state"))
    def state(self, front_page):
        if front_page.goes_live_at > timezone.now():
            return _("scheduled")
        if front_page.pk == front_page.live_pk:
            if front_page.section_id is None:
                return _("on the home page")
            return _("on the section's page")
        return _("replaced")

    @admin.display(description=_("stories"))
    def stories(self, front_page):
        slots = sorted(front_page.slots.all(), key=lambda slot: slot.position)
        return format_html_join(
            "", "<div>{}. {}</div>", ((s.position, s.article.headline) for s in slots)
        )

    def save_model(self, request, obj, form, change):
        """Nothing yet: the arrangement and its stories are stored together by
        ``front_page_arrange`` (see save_related)."""

    def save_related(self, request, form, formsets, change):
        slots = next(f for f in formsets if isinstance(f, FrontPageSlotFormSet))
        front_page = front_page_arrange(
            slots.ordered_articles(),
            by=request.user,
            section=form.cleaned_data.get("section"),
            goes_live_at=form.cleaned_data.get("goes_live_at"),
            note=form.cleaned_data.get("note", ""),
        )
        # The admin's messages and redirect name the arrangement just stored.
        form.instance.pk = front_page.pk
        form.instance._state.adding = False

    @admin.action(permissions=["add"], description=_("Put back on its page now"))
    def put_back(self, request, queryset):
        for front_page in queryset.order_by("goes_live_at")[:1]:
            front_page_restore(front_page, by=request.user)
            self.message_user(
                request,
                _("“%(front_page)s” is on its page again.")
                % {"front_page": front_page},
                messages.SUCCESS,
            )
