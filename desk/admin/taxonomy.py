"""Sections, tags and authors on the desk: sections and authors are managed by
editors and the chief; tags are made by anyone writing an article (see the
article form) and merged like sources."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleAuthor, Author, Section, Tag, TagAlias
from articles.services import tag_merge
from articles.services.permissions import can_edit_article
from articles.text import match_key
from desk.admin.common import DeskAdminMixin
from desk.admin.merging import MergeScreen, merge_selected
from desk.admin.scopes import SECTION_FIELDS
from desk.forms import TagMergeForm

TAG_MERGE = MergeScreen(
    TagMergeForm,
    tag_merge,
    title=_("Merge tags"),
    too_few=_("Select at least two tags to merge."),
    merged=_("Merged into “%(into)s”: %(names)s. Their names now find it."),
    template="admin/articles/tag/merge_confirm.html",
    action="merge_tags",
)


def _articles_link(obj, parameter, count):
    """The number of articles, linking to the desk's list filtered to them."""
    url = reverse("admin:articles_article_changelist")
    return format_html('<a href="{}?{}={}">{}</a>', url, parameter, obj.pk, count)


class ArticleAuthorFormSet(forms.BaseInlineFormSet):
    def ordered_authors(self):
        """The authors kept in the form, by their position (then as listed). They
        are stored by ``article_update`` and recorded in its revision, not in the
        admin's change message."""
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        rows = [
            (form.cleaned_data.get("position") or 0, n, form.cleaned_data["author"])
            for n, form in enumerate(self.forms)
            if form.cleaned_data.get("author") and not self._should_delete_form(form)
        ]
        return [author for _position, _n, author in sorted(rows, key=lambda r: r[:2])]


class ArticleAuthorInline(admin.TabularInline):
    """The article's staff authors in byline order; whoever may edit the article may
    change them (they are stored with it, by ``article_update``)."""

    model = ArticleAuthor
    formset = ArticleAuthorFormSet
    fields = ["author", "position"]
    autocomplete_fields = ["author"]
    ordering = ["position", "pk"]
    extra = 1
    verbose_name = _("author")
    verbose_name_plural = _("authors")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj=None):
        return can_edit_article(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return can_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return can_edit_article(request.user, obj)


@admin.register(Section)
class SectionAdmin(DeskAdminMixin, admin.ModelAdmin):
    changelist_titles = (_("Select a section to change"), _("Select a section to view"))
    list_display = ["name", "parent", "order", "article_count"]
    list_editable = ["order"]
    list_filter = [("parent", admin.EmptyFieldListFilter)]
    search_fields = ["name"]
    fields = ["name", "slug", "parent", "order", "description"]
    ordering = ["order", "name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("parent")
            .annotate(primary_count=Count("primary_articles", distinct=True))
        )

    def get_search_results(self, request, queryset, search_term):
        # Choosing an article's or a front's section: only the user's own.
        if request.GET.get("field_name") in SECTION_FIELDS:
            queryset = queryset.in_desk_scope(request.user)
        return super().get_search_results(request, queryset, search_term)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            # One level deep: only main sections can hold subsections.
            kwargs["queryset"] = Section.objects.main()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("articles"), ordering="primary_count")
    def article_count(self, section):
        return _articles_link(section, "section__id__exact", section.primary_count)


class TagAliasInline(DeskAdminMixin, admin.TabularInline):
    model = TagAlias
    extra = 0
    fields = ["name"]


@admin.register(Tag)
class TagAdmin(DeskAdminMixin, admin.ModelAdmin):
    changelist_titles = (_("Select a tag to change"), _("Select a tag to view"))
    list_display = ["name", "article_count", "created_at"]
    search_fields = ["name"]
    search_help_text = _(
        "Searches names and other names, with or without harakat, tatweel, hamza "
        "or taa marbuta."
    )
    fields = ["name", "slug"]
    inlines = [TagAliasInline]
    actions = ["merge_tags"]
    ordering = ["name"]
    list_per_page = 100

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    def get_search_results(self, request, queryset, search_term):
        """Match names and other names by their key, so that ليبيا and ليبيـا, or
        الأزمة and الازمه, find the same tag."""
        key = match_key(search_term)
        if not key:
            return queryset, False
        matches = Q(key__contains=key) | Q(
            pk__in=TagAlias.objects.filter(key__contains=key).values("tag")
        )
        return queryset.filter(matches), False

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, tag):
        return _articles_link(tag, "tag", tag.article_count)

    def has_merge_permission(self, request):
        return request.user.has_perm("articles.merge_tags")

    @admin.action(permissions=["merge"], description=_("Merge the selected tags"))
    def merge_tags(self, request, queryset):
        """Ask which tag stays, then merge the others into it."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        tags = queryset.prefetch_related("aliases").order_by("-article_count", "name")
        return merge_selected(self, request, tags, TAG_MERGE)


@admin.register(Author)
class AuthorAdmin(DeskAdminMixin, admin.ModelAdmin):
    changelist_titles = (_("Select an author to change"), _("Select an author to view"))
    list_display = ["name", "role", "article_count"]
    search_fields = ["name", "role"]
    fields = ["name", "slug", "role", "photo", "bio", "links"]
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, author):
        return _articles_link(author, "authors__id__exact", author.article_count)
