"""An article's revisions: the history screen, comparing two revisions, restoring one
(the restore is itself a new revision)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from articles.services import EditConflict, article_restore_revision
from articles.services.permissions import can_edit_article
from articles.services.revisions import revisions_of, snapshot
from desk.diffs import describe_reason, snapshot_diff
from desk.forms import RestoreForm, RevisionCompareForm

REVISIONS_PER_PAGE = 50


class ArticleHistoryMixin:
    """Replaces the admin's history screen of articles with the revisions screen."""

    def get_history_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/<int:revision_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{info[0]}_{info[1]}_restore",
            ),
        ]

    def _viewable_article(self, request, object_id):
        """Return the article ``object_id`` names (None when it names none, whatever
        it is made of); refuse it to someone who may not see it."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return None
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self._viewable_article(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        revisions = revisions_of(article)
        page = Paginator(revisions, REVISIONS_PER_PAGE).get_page(request.GET.get("p"))
        shown = list(page.object_list)
        for revision in shown:
            revision.description = describe_reason(revision.reason)
        compare = RevisionCompareForm(request.GET)
        # Ids that are not numbers are ignored, as ids of other articles are.
        old_id, new_id = (
            (compare.cleaned_data["old"], compare.cleaned_data["new"])
            if compare.is_valid()
            else (None, None)
        )
        pair = {r.pk: r for r in revisions.filter(pk__in=[old_id, new_id])}
        if old_id not in pair or new_id not in pair:
            latest_two = list(revisions[:2])
            if len(latest_two) == 2:
                new_id, old_id = (r.pk for r in latest_two)
                pair = {r.pk: r for r in latest_two}
        changes = figures = None
        if old_id in pair and new_id in pair:
            changes, figures = snapshot_diff(
                snapshot(pair[old_id]), snapshot(pair[new_id])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Revisions of “%(headline)s”") % {"headline": article.headline},
            "subtitle": None,
            "original": article,
            "article": article,
            "page": page,
            "revisions": shown,
            "compare_old": pair.get(old_id),
            "compare_new": pair.get(new_id),
            "changes": changes,
            "figures": figures,
            "can_restore": can_edit_article(request.user, article),
            "transitions": article.transitions.select_related("by")[:50],
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def restore_view(self, request, object_id, revision_id):
        article = self._viewable_article(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not can_edit_article(request.user, article):
            raise PermissionDenied
        history_url = reverse("admin:articles_article_history", args=[article.pk])
        record = revisions_of(article).filter(pk=revision_id).first()
        if record is None:
            self.message_user(
                request,
                _("This article has no revision %(id)s: choose one from its history.")
                % {"id": revision_id},
                messages.WARNING,
            )
            return HttpResponseRedirect(history_url)
        latest = revisions_of(article).first()
        if request.method == "POST":
            form = RestoreForm(request.POST)
            if not form.is_valid():
                # Without the version the page showed, a save made since could be
                # overwritten unseen: the conflict check needs it.
                self.message_user(
                    request,
                    _(
                        "Not restored: the request did not say which version of the "
                        "article you were looking at. Check the changes below and "
                        "restore again."
                    ),
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.path)
            try:
                article_restore_revision(
                    article,
                    revision_id=record.pk,
                    by=request.user,
                    expected_version=form.cleaned_data["loaded_version"],
                )
            except EditConflict:
                self.message_user(
                    request,
                    _(
                        "Not restored: the article was saved by someone else after you "
                        "opened this page. Check the changes below and restore again."
                    ),
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.path)
            self.message_user(
                request,
                _("Version %(version)s restored as a new revision.")
                % {"version": record.version},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(history_url)
        changes, figures = snapshot_diff(snapshot(latest), snapshot(record))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Restore version %(version)s?") % {"version": record.version},
            "subtitle": None,
            "original": article,
            "article": article,
            "record": record,
            "changes": changes,
            "figures": figures,
            "history_url": history_url,
            "loaded_version": article.version,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/articles/article/restore_confirm.html", context
        )
