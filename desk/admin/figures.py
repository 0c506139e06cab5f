"""The figures of an article, edited inside its form."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Caption
from articles.services.permissions import can_edit_article
from desk.admin.common import DeskAdminMixin, thumbnail_html
from desk.forms import (
    CaptionInlineForm,
    CaptionInlineFormSet,
    PreloadedAutocompleteSelect,
)


class CaptionInline(DeskAdminMixin, admin.StackedInline):
    model = Caption
    form = CaptionInlineForm
    formset = CaptionInlineFormSet
    extra = 0
    ordering = ["position"]
    autocomplete_fields = ["image", "credit"]
    readonly_fields = ["photo_preview"]
    fields = [
        "photo_preview",
        ("photo", "image"),
        "alt_text",
        "text",
        ("credit", "credit_note"),
        "position",
    ]
    classes = ["desk-figures"]
    template = "admin/articles/article/figures_inline.html"
    verbose_name = _("figure")
    verbose_name_plural = _("figures")

    #: What someone who cannot edit the article sees (no upload, alt text as text).
    read_only_fields = [
        "photo_preview",
        "image",
        "image_alt_text",
        "text",
        ("credit", "credit_note"),
        "position",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("image", "credit")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            # Labelled from the figure's own photo and credit: no query per figure.
            kwargs.setdefault(
                "widget",
                PreloadedAutocompleteSelect(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            return self.read_only_fields
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj)]
        if obj is not None and not self.has_change_permission(request, obj):
            readonly.append("image_alt_text")
        return readonly

    @admin.display(description=_("alt text"))
    def image_alt_text(self, caption):
        return caption.image.alt_text if caption.image_id else ""

    @admin.display(description=_("photo"))
    def photo_preview(self, caption):
        return thumbnail_html(caption.image if caption.image_id else None, size=160)

    def has_add_permission(self, request, obj=None):
        return can_edit_article(request.user, obj) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return can_edit_article(request.user, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return can_edit_article(request.user, obj) and super().has_delete_permission(
            request, obj
        )
