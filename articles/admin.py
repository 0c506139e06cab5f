from django.contrib import admin

from .admin_import import ArticleImportMixin, download_as_text
from .models import Article, Caption, Image, Source, SourceAlias


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 1


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "kind", "is_confirmed"]
    list_filter = ["kind", "is_confirmed"]
    search_fields = ["name", "name_en", "aliases__name"]
    inlines = [SourceAliasInline]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "credit", "width", "height", "uploaded_at"]
    autocomplete_fields = ["credit"]


class CaptionInline(admin.StackedInline):
    model = Caption
    extra = 0
    autocomplete_fields = ["credit"]
    raw_id_fields = ["image"]


@admin.register(Article)
class ArticleAdmin(ArticleImportMixin, admin.ModelAdmin):
    actions = [download_as_text]
    list_display = ["headline", "status", "published_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["headline"]
    autocomplete_fields = ["sources"]
    inlines = [CaptionInline]
