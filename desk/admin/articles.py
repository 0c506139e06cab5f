"""Articles on the desk: the list, the change form, the preview. Figures are in
``figures.py``, list filters in ``filters.py``, the workflow's actions and buttons in
``workflow.py``, revisions and restores in ``history.py``."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.body import figure_marker, parse_body
from articles.models import Article, ArticlePresence, ArticleTransition
from articles.services import (
    EditConflict,
    article_mark_open,
    article_update,
    editorial_checks,
    tags_for_names,
)
from articles.services.images import cleanup_files_on_error
from articles.services.permissions import can_edit_article
from articles.services.revisions import revisions_of, snapshot
from articles.services.workflow import ALLOWED_TRANSITIONS, available_transitions
from desk.admin.autosave import ArticleAutosaveMixin
from desk.admin.common import DeskAdminMixin, desk_datetime
from desk.admin.corrections import ArticleCorrectionsMixin
from desk.admin.figures import CaptionInline
from desk.admin.filters import (
    SEARCH_COUNT_CAP,
    MineFilter,
    SearchPaginator,
    SectionFilter,
    SourceFilter,
    StatusFilter,
    TagFilter,
)
from desk.admin.history import ArticleHistoryMixin
from desk.admin.preview import ArticlePreviewMixin
from desk.admin.scopes import scoped_section_field
from desk.admin.style import ArticleStyleMixin
from desk.admin.taxonomy import ArticleAuthorFormSet, ArticleAuthorInline
from desk.admin.workflow import TRANSITION_ACTIONS, ArticleWorkflowMixin
from desk.autosave import autosave_discard
from desk.diffs import snapshot_diff
from desk.forms import ArticleAdminForm, CaptionInlineFormSet
from ingest.admin import (
    ArticleImportMixin,
    download_as_export,
    download_as_newsml,
    download_as_ninjs,
    download_as_nitf,
    download_as_text,
)
from search.engine import search_queryset
from style.services import article_style_findings

Action = ArticleTransition.Action
PRESENCE_MINUTES = 10


def word_count(body: str) -> int:
    """Return the number of words readers will see (markers, ## and the notation's
    marks and link addresses not counted)."""
    return sum(len(block.plain.split()) for block in parse_body(body))


@admin.register(Article)
class ArticleAdmin(
    ArticleImportMixin,
    ArticleWorkflowMixin,
    ArticleHistoryMixin,
    ArticleCorrectionsMixin,
    ArticleStyleMixin,
    ArticleAutosaveMixin,
    ArticlePreviewMixin,
    DeskAdminMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    inlines = [CaptionInline, ArticleAuthorInline]
    changelist_titles = (
        _("Select an article to change"),
        _("Select an article to view"),
    )
    list_display = [
        "headline",
        "status_label",
        "source_names",
        "publication",
        "last_change",
    ]
    list_filter = [
        StatusFilter,
        MineFilter,
        ("section", SectionFilter),
        TagFilter,
        ("authors", admin.RelatedOnlyFieldListFilter),
        ("sources", SourceFilter),
        ("published_at", admin.DateFieldListFilter),
        "wire_status",
    ]
    search_fields = ["headline"]  # shows the search box; see get_search_results
    search_help_text = _(
        "Searches headlines, sub-headings, captions and text as the site's search "
        "does: harakat, tatweel, hamza and an attached و or ب do not matter. A number "
        "finds the article with that ID."
    )
    date_hierarchy = "published_at"
    ordering = ["-updated_at", "-id"]
    list_per_page = 50
    show_full_result_count = False
    autocomplete_fields = ["section", "sections", "tags", "sources"]
    readonly_fields = [
        "word_count",
        "status_label",
        "last_change",
        "external_id",
        "external_version",
    ]
    actions = [
        *TRANSITION_ACTIONS,
        download_as_text,
        download_as_export,
        download_as_newsml,
        download_as_nitf,
        download_as_ninjs,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "loaded_version",
                    "headline",
                    "standfirst",
                    "body",
                    "word_count",
                    "byline",
                ]
            },
        ),
        (
            _("Section and tags"),
            {"fields": ["section", "sections", "tags", "new_tags"]},
        ),
        (
            _("Sources and publication"),
            {"fields": ["sources", "published_at", "slug", "original_url"]},
        ),
        (
            _("From the agency"),
            {
                "fields": [
                    "wire_status",
                    "embargoed_until",
                    "external_id",
                    "external_version",
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        css = {"all": ["admin-desk/desk.css"]}
        js = ["admin-desk/desk.js"]

    # Permissions ---------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        return can_edit_article(request.user, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        if not self.has_change_permission(request, obj):
            # Read only: there is no form to save, so no version to remember.
            replace = {"loaded_version": None, "new_tags": None}
        elif obj.status == Article.Status.PUBLISHED and not obj.is_scheduled:
            # On the site: only the workflow moves it (unpublish, publish again),
            # and a save is an update readers see or a silent fix.
            replace = {"published_at": "live_since"}
            fieldsets = [
                *fieldsets,
                (
                    _("Saving a live article"),
                    {"fields": ["update_kind", "update_note"]},
                ),
            ]
        else:
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        replace.get(f, f)
                        for f in options["fields"]
                        if replace.get(f, f) is not None
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "live_since"]
        if not request.user.has_perm("articles.publish_article"):
            readonly.append("published_at")
        return readonly

    # The list ------------------------------------------------------------------

    def get_queryset(self, request):
        # A scoped user's desk holds only their sections' articles: the list, the
        # forms, actions, history, previews, autosave and autocomplete all read it.
        return super().get_queryset(request).for_desk().in_desk_scope(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = scoped_section_field(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = scoped_section_field(request, db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    search_count_cap = SEARCH_COUNT_CAP

    def get_paginator(self, request, queryset, per_page, orphans=0, **kwargs):
        if request.GET.get(SEARCH_VAR, "").strip():
            return SearchPaginator(queryset, per_page, orphans, **kwargs)
        return super().get_paginator(request, queryset, per_page, orphans, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """The site's full-text search (harakat, tatweel, hamza and clitics do not
        matter), over drafts too; a number also finds the article with that ID."""
        term = search_term.strip()
        if not term:
            return queryset, False
        matches = Q(pk__in=search_queryset(queryset, term).values("pk"))
        if term.isdigit():
            matches |= Q(pk=int(term))
        return queryset.filter(matches), False

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            label, css = _("scheduled"), "scheduled"
        else:
            label, css = article.get_status_display(), article.status
        return format_html(
            '<span class="desk-status desk-status--{}">{}</span>', css, label
        )

    @admin.display(description=_("sources"))
    def source_names(self, article):
        return format_html_join(
            "، ", "<bdi>{}</bdi>", ((s.name,) for s in article.sources.all())
        )

    @admin.display(description=_("publication time"), ordering="published_at")
    def publication(self, article):
        return desk_datetime(article.published_at)

    @admin.display(description=_("last change"), ordering="updated_at")
    def last_change(self, article):
        if article.updated_by is None:
            return desk_datetime(article.updated_at)
        return format_html(
            '{} <span class="desk-by">{} <bdi>{}</bdi></span>',
            desk_datetime(article.updated_at),
            _("by"),
            article.updated_by.get_username(),
        )

    @admin.display(description=_("publication time"))
    def live_since(self, article):
        return format_html(
            '{}<div class="help">{}</div>',
            desk_datetime(article.published_at),
            _(
                "The article is on the site since this time. To change it, unpublish "
                "the article, then publish it again."
            ),
        )

    @admin.display(description=_("words"))
    def word_count(self, article):
        count = word_count(article.body) if article and article.pk else 0
        return format_html(
            '<output class="desk-word-count" data-for="id_body">{}</output> · '
            '<span class="desk-reading-time" data-label="{}"></span>',
            count,
            _("Reading time: about %(minutes)s min"),
        )

    # Saving --------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with cleanup_files_on_error():
                return super().changeform_view(
                    request, object_id, form_url, extra_context
                )
        except EditConflict:
            # Someone saved between this form's check and its save: the database
            # refused it. Showing the form again shows the editor the conflict.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Nothing yet: the article, its sources and figures are stored together by
        ``article_update`` once every form is valid (see ``save_related``)."""

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CaptionInline):
            kwargs["user"] = request.user  # whose photos' alt texts are editable
        return kwargs

    def _report_renumbering(self, request, mapping):
        """Tell the editor how the body's figure markers followed their figures."""
        moved = sorted((old, new) for old, new in mapping.items() if new is not None)
        removed = sorted(old for old, new in mapping.items() if new is None)
        if moved:
            changes = "، ".join(
                _("%(old)s → %(new)s")
                % {"old": figure_marker(old), "new": figure_marker(new)}
                for old, new in moved
            )
            message = _(
                "Figure markers in the body now follow their renumbered figures: "
                "%(list)s."
            )
            self.message_user(request, message % {"list": changes}, messages.INFO)
        if removed:
            message = _(
                "Markers of removed figures were taken out of the body: %(list)s."
            )
            markers = "، ".join(figure_marker(n) for n in removed)
            self.message_user(request, message % {"list": markers}, messages.INFO)

    def save_related(self, request, form, formsets, change):
        """Store the article with its figures and authors (the formsets of both
        inlines) in one ``article_update``; no formset is saved on its own."""
        article = form.instance
        if form.is_published:
            # A published article's time moves only through the workflow (see
            # transition_after_save): the save keeps the stored one, to the
            # microsecond.
            article.published_at = form.stored_published_at
        figures = next(f for f in formsets if isinstance(f, CaptionInlineFormSet))
        changed, deleted = figures.figure_changes()
        authors = next(
            (f for f in formsets if isinstance(f, ArticleAuthorFormSet)), None
        )
        tags = [
            *form.cleaned_data.get("tags", []),
            *tags_for_names(form.cleaned_data.get("new_tags", []), by=request.user),
        ]
        update = article_update(
            article,
            by=request.user,
            expected_version=form.cleaned_data.get("loaded_version")
            if change
            else None,
            sources=form.cleaned_data.get("sources"),
            sections=form.cleaned_data.get("sections"),
            tags=tags if "tags" in form.cleaned_data else None,
            authors=authors.ordered_authors() if authors is not None else None,
            figures=changed,
            deleted=deleted,
            silent=form.is_silent,
            note=form.cleaned_data.get("update_note", ""),
        )
        self._report_renumbering(request, update.renumbering)
        autosave_discard(request.user, article if change else None)
        self.transition_after_save(request, form)

    # The change form -----------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            *self.get_preview_urls(),
            path(
                "<path:object_id>/open/",
                self.admin_site.admin_view(require_POST(self.open_view)),
                name=f"{info[0]}_{info[1]}_open",
            ),
            *self.get_history_urls(),
            *self.get_correction_urls(),
            *self.get_style_urls(),
            *self.get_autosave_urls(),
            *super().get_urls(),
        ]

    def open_view(self, request, object_id):
        """The change form's script says, while it is open, that this user has it
        open (POST; a GET of the form itself writes nothing)."""
        article = self._viewable_article(request, object_id)
        if article is None:
            raise Http404
        article_mark_open(article, by=request.user)
        return HttpResponse(status=204)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        form = context["adminform"].form
        context["action_form"] = None  # transitions are buttons (see the template)
        if obj is not None and obj.pk:
            context.update(self._desk_context(request, obj, form))
        context["desk_can_edit"] = self.has_change_permission(request, obj)
        if add or (obj is not None and context["desk_can_edit"]):
            context.update(self.autosave_context(request, obj))
        context["desk_transitions"] = (
            available_transitions(request.user, obj)
            if obj is not None
            else [
                t
                for t in ALLOWED_TRANSITIONS.values()
                if t.action == Action.SUBMIT and request.user.has_perm(t.permission)
            ]
        )
        context["desk_needs_reason"] = any(
            t.needs_reason for t in context["desk_transitions"]
        )
        context["desk_can_schedule"] = any(
            t.action == Action.SCHEDULE for t in context["desk_transitions"]
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _desk_context(self, request, article, form):
        now = timezone.now()
        live = Article.objects.published().filter(pk=article.pk).exists()
        others = (
            ArticlePresence.objects.filter(
                article=article,
                seen_at__gte=now - timezone.timedelta(minutes=PRESENCE_MINUTES),
            )
            .exclude(user=request.user)
            .select_related("user")
            .order_by("-seen_at")
        )
        captions = list(article.captions.select_related("image"))
        context = {
            "desk_presence": list(others),
            "desk_checks": editorial_checks(article, captions=captions),
            "desk_style": article_style_findings(article, captions),
            "desk_style_fix_url": reverse(
                "admin:articles_article_style_fix", args=[article.pk]
            ),
            "desk_preview_url": reverse(
                "admin:articles_article_preview", args=[article.pk]
            ),
            "desk_live_preview_url": reverse(
                "admin:articles_article_live_preview", args=[article.pk]
            ),
            "desk_open_url": reverse("admin:articles_article_open", args=[article.pk]),
            "desk_live": live,
            **self.corrections_context(request, article, live=live),
        }
        if getattr(form, "conflict", None):
            context["desk_conflict"] = self._conflict_context(article, *form.conflict)
        return context

    def _conflict_context(self, article, loaded_version, current_version):
        """What happened since the editor loaded the form: who saved, and the
        changes between the version they loaded and the current one."""
        records = list(revisions_of(article).filter(version__gte=loaded_version or 0))
        newer = [r for r in records if r.version != loaded_version]
        loaded = [r for r in records if r.version == loaded_version]
        context = {"revisions": newer, "changes": None, "figures": None}
        if newer and loaded:
            context["changes"], context["figures"] = snapshot_diff(
                snapshot(loaded[0]), snapshot(newer[0])
            )
        return context
