"""The photo library: upload, thumbnails, credits, where each photo is used."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Image
from articles.services import image_update
from articles.services.images import cleanup_files_on_error
from articles.services.permissions import can_change_image
from desk.admin.common import DeskAdminMixin, desk_datetime, thumbnail_html
from desk.forms import ImageAdminForm


class HasPhotoFilter(admin.SimpleListFilter):
    title = _("photo file")
    parameter_name = "has_photo"

    def lookups(self, request, model_admin):
        return [("yes", _("With a photo")), ("no", _("Waiting for a photo"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(file="")
        if self.value() == "no":
            return queryset.filter(file="")
        return queryset


@admin.register(Image)
class ImageAdmin(DeskAdminMixin, admin.ModelAdmin):
    form = ImageAdminForm
    changelist_titles = (_("Select a photo to change"), _("Select a photo to view"))
    list_display = [
        "thumbnail_cell",
        "alt_text",
        "credit",
        "dimensions",
        "use_count",
        "uploaded",
        "uploaded_by",
    ]
    list_display_links = ["thumbnail_cell", "alt_text"]
    list_filter = [HasPhotoFilter, ("credit", admin.RelatedFieldListFilter)]
    search_fields = ["alt_text", "captions__text", "checksum"]
    autocomplete_fields = ["credit"]
    readonly_fields = [
        "preview",
        "dimensions",
        "checksum",
        "uploaded_by",
        "uploaded_at",
    ]
    list_per_page = 50
    show_full_result_count = False
    fields = [
        "preview",
        "photo",
        "alt_text",
        "credit",
        "dimensions",
        "checksum",
        "uploaded_by",
        "uploaded_at",
    ]

    class Media:
        css = {"all": ["admin-desk/desk.css"]}

    def has_change_permission(self, request, obj=None):
        return can_change_image(request.user, obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Shown read only: the upload field has nothing to show.
            return [f for f in fields if f != "photo"]
        return fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("credit", "uploaded_by")
            .annotate(use_count=Count("captions"))
        )

    @admin.display(description=_("photo"))
    def thumbnail_cell(self, image):
        return thumbnail_html(image, size=96)

    @admin.display(description=_("photo"))
    def preview(self, image):
        return thumbnail_html(image if image.pk else None, size=320)

    @admin.display(description=_("size in pixels"))
    def dimensions(self, image):
        if not image.width:
            return "—"
        return format_html("<bdi>{}×{}</bdi>", image.width, image.height)

    @admin.display(description=_("uploaded"), ordering="uploaded_at")
    def uploaded(self, image):
        return desk_datetime(image.uploaded_at)

    @admin.display(description=_("used in"), ordering="use_count")
    def use_count(self, image):
        return getattr(image, "use_count", None)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with cleanup_files_on_error():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        image_update(obj, by=request.user, file=form.cleaned_data.get("photo") or None)
