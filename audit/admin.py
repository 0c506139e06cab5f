from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, read-only: for those given its view permission (the chief
    editor's role); nobody adds, changes or deletes an entry from the desk."""

    list_display = ["at", "action", "actor_name", "address", "subject"]
    list_filter = ["action"]
    search_fields = ["actor_name", "subject"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
