"""The front page on the desk: editors and the chief arrange the home page's lead and
top stories, now or for a set time; every arrangement stays in the list as its
history, and an earlier one is put back with an action."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models import FrontPage, FrontPageSlot
from articles.services.front_page import (
    MAX_TOP_STORIES,
    can_arrange_front_page,
    front_page_arrange,
    front_page_restore,
)
from desk.admin.common import DeskAdminMixin, desk_datetime


class FrontPageSlotFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not any(self.errors) and not self.ordered_articles():
            raise ValidationError(
                _("Choose at least a lead story."), code="front_page_empty"
            )

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

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FrontPage)
class FrontPageAdmin(DeskAdminMixin, admin.ModelAdmin):
    changelist_titles = (_("Front page history"), _("Front page history"))
    list_display = ["goes_live", "state", "stories", "created_by", "note"]
    list_select_related = ["created_by"]
    fields = ["goes_live_at", "note"]
    inlines = [FrontPageSlotInline]
    actions = ["put_back"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("slots__article")

    # Arrangements are never changed: a new one replaces them.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("goes live"), ordering="goes_live_at")
    def goes_live(self, front_page):
        return desk_datetime(front_page.goes_live_at)

    @admin.display(description=_("state"))
    def state(self, front_page):
        if front_page.goes_live_at > timezone.now():
            return _("scheduled")
        if front_page.pk == getattr(self, "_live_pk", None):
            return _("on the home page")
        return _("replaced")

    @admin.display(description=_("stories"))
    def stories(self, front_page):
        slots = sorted(front_page.slots.all(), key=lambda slot: slot.position)
        return format_html_join(
            "", "<div>{}. {}</div>", ((s.position, s.article.headline) for s in slots)
        )

    def changelist_view(self, request, extra_context=None):
        self._live_pk = FrontPage.objects.live().values_list("pk", flat=True).first()
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        """Nothing yet: the arrangement and its stories are stored together by
        ``front_page_arrange`` (see save_related)."""

    def save_related(self, request, form, formsets, change):
        slots = next(f for f in formsets if isinstance(f, FrontPageSlotFormSet))
        front_page = front_page_arrange(
            slots.ordered_articles(),
            by=request.user,
            goes_live_at=form.cleaned_data.get("goes_live_at"),
            note=form.cleaned_data.get("note", ""),
        )
        # The admin's messages and redirect name the arrangement just stored.
        form.instance.pk = front_page.pk
        form.instance._state.adding = False

    @admin.action(permissions=["add"], description=_("Put back on the home page now"))
    def put_back(self, request, queryset):
        for front_page in queryset.order_by("goes_live_at")[:1]:
            front_page_restore(front_page, by=request.user)
            self.message_user(
                request,
                _("“%(front_page)s” is on the home page again.")
                % {"front_page": front_page},
                messages.SUCCESS,
            )
