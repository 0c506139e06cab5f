from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api.models import ApiKey
from api.services import api_key_create, api_key_revoke


@admin.action(description=gettext_lazy("Revoke the selected keys"))
def revoke(modeladmin, request, queryset):
    for api_key in queryset:
        api_key_revoke(api_key, by=request.user)
    messages.success(request, _("The selected keys are refused from now on."))


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """The partners' keys: made here (the key is shown once), revoked by action."""

    list_display = ["partner", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["partner"]
    fields = ["partner", "prefix", "created_at", "created_by", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "created_by", "last_used_at"]
    actions = [revoke]

    def get_readonly_fields(self, request, obj=None):
        # A key's partner never changes: revoke it and make another.
        return [*self.readonly_fields, "partner"] if obj else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False  # revoked keys stay, with their last use, for the record

    def save_model(self, request, obj, form, change):
        if change:
            return
        api_key, key = api_key_create(obj.partner, by=request.user)
        obj.pk = api_key.pk
        messages.warning(
            request,
            _(
                "Give %(partner)s this key now; it is stored only as a hash and "
                "cannot be shown again: %(key)s"
            )
            % {"partner": api_key.partner, "key": key},
        )
