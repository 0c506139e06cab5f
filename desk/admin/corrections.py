"""Corrections on the desk: the form that adds one to a live article (a reporter's
waits for an editor), and the list of notes where editors publish the waiting ones.
Every write goes through ``articles.services.corrections``, which checks the roles
again."""

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article, Correction
from articles.scopes import is_scoped
from articles.services import correction_add, correction_publish
from articles.services.corrections import (
    may_propose_correction,
    may_publish_correction,
)
from desk.admin.common import DeskAdminMixin, desk_datetime
from desk.forms import CorrectionForm


class ArticleCorrectionsMixin:
    """The change form's corrections: the list, and the screen that adds one."""

    def get_correction_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/correct/",
                self.admin_site.admin_view(self.correction_view),
                name=f"{info[0]}_{info[1]}_correct",
            ),
        ]

    def corrections_context(self, request, article, *, live: bool) -> dict:
        """What the change form shows of ``article``'s notes, and where to add one."""
        may_add = live and may_propose_correction(request.user)
        return {
            "desk_corrections": list(
                article.corrections.select_related("created_by").order_by(
                    "-created_at", "-pk"
                )
            ),
            "desk_correct_url": reverse(
                "admin:articles_article_correct", args=[article.pk]
            )
            if may_add
            else None,
        }

    def correction_view(self, request, object_id):
        article = self._viewable_article(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not may_propose_correction(request.user):
            raise PermissionDenied
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                correction = correction_add(
                    article,
                    by=request.user,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                if correction.is_published:
                    message = _("The note is published under the headline.")
                else:
                    message = _(
                        "The note is proposed: it is published once an editor "
                        "accepts it."
                    )
                self.message_user(request, message, messages.SUCCESS)
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "form": form,
            "title": _("Add a correction"),
            "change_url": change_url,
            "publishes": may_publish_correction(request.user),
        }
        return TemplateResponse(
            request, "admin/articles/article/correction_form.html", context
        )


class WaitingFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("1", _("waiting for an editor")), ("0", _("published"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.waiting()
        if self.value() == "0":
            return queryset.published()
        return queryset


@admin.action(
    permissions=["publish"],
    description=_("Publish"),
    description_plural=_("Publish the selected notes"),
    location=[ActionLocation.CHANGE_LIST],
)
def publish_corrections(modeladmin, request, queryset):
    done = 0
    for correction in queryset.waiting():
        correction_publish(correction, by=request.user)
        done += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d note published.", "%(count)d notes published.", done)
        % {"count": done},
        messages.SUCCESS,
    )


@admin.register(Correction)
class CorrectionAdmin(DeskAdminMixin, admin.ModelAdmin):
    """The notes of every article: the waiting ones first. Read only: a note is
    added from its article's form and never changed once published."""

    list_display = ["text_start", "kind", "article_link", "state", "created_by"]
    list_filter = [WaitingFilter, "kind"]
    list_select_related = ["article", "created_by"]
    ordering = ["-published_at", "-created_at"]
    actions = [publish_corrections]
    fields = ["article", "kind", "text", "created_by", "state"]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_scoped(request.user):
            # Desk scoping: the notes of the user's sections' articles only.
            queryset = queryset.filter(
                article__in=Article.objects.in_desk_scope(request.user)
            )
        return queryset

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_publish_permission(self, request):
        return may_publish_correction(request.user)

    @admin.display(description=_("text"))
    def text_start(self, correction):
        return correction.text[:100]

    @admin.display(description=_("article"))
    def article_link(self, correction):
        return correction.article.headline

    @admin.display(description=_("state"), ordering="published_at")
    def state(self, correction):
        if correction.is_published:
            return format_html(
                "{} {}", _("published at"), desk_datetime(correction.published_at)
            )
        return _("waiting for an editor")
