"""The workflow on the desk: transitions as list actions, as change-form actions and
as buttons that save the form first. Every move goes through
``articles.services.article_transition``, which checks it again."""

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article, ArticleTransition
from articles.services import (
    EditorialChecksFailed,
    TransitionForbidden,
    TransitionNotAllowed,
    article_transition,
)
from articles.services.workflow import ALLOWED_TRANSITIONS
from desk.forms import TransitionForm, form_problems

Action = ArticleTransition.Action


def _transition_action(action: str, plural):
    transition = ALLOWED_TRANSITIONS[action]
    permission = (
        "publish" if transition.permission.endswith("publish_article") else "submit"
    )

    def run(modeladmin, request, queryset):
        modeladmin.run_transitions(request, queryset, action)

    run.__name__ = f"{action}_articles"
    return admin.action(
        run,
        permissions=[permission],
        description=transition.label,
        description_plural=plural,
        location=[ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM],
    )


submit_articles = _transition_action(
    Action.SUBMIT, _("Submit the selected articles for review")
)
return_articles = _transition_action(
    Action.RETURN, _("Return the selected articles to draft")
)
publish_articles = _transition_action(
    Action.PUBLISH, _("Publish the selected articles now")
)
unpublish_articles = _transition_action(
    Action.UNPUBLISH, _("Unpublish the selected articles")
)
archive_articles = _transition_action(
    Action.ARCHIVE, _("Archive the selected articles")
)
restore_articles = _transition_action(
    Action.RESTORE, _("Restore the selected articles to draft")
)

TRANSITION_ACTIONS = [
    submit_articles,
    return_articles,
    publish_articles,
    unpublish_articles,
    archive_articles,
    restore_articles,
]


class ArticleWorkflowMixin:
    """Transitions for ArticleAdmin: the permissions its actions name, and the
    buttons of the change form (``_transition``), run once the form is saved."""

    def has_submit_permission(self, request):
        return request.user.has_perm("articles.submit_article")

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def response_add(self, request, obj, post_url_continue=None):
        if TransitionForm(request.POST).pressed:
            return HttpResponseRedirect(
                reverse("admin:articles_article_change", args=[obj.pk])
            )
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if TransitionForm(request.POST).pressed:
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def transition_after_save(self, request, form):
        """Once the editor's edits are saved, run the move of the button they pressed
        or, for a published article whose publication time they changed, schedule or
        publish it at that time. A refusal leaves the saved edits in place, the
        publication unchanged, and says why."""
        article = form.instance
        transition = TransitionForm(request.POST)
        if not transition.is_valid():
            message = _("«%(headline)s» was not moved: %(reason)s")
            self.message_user(
                request,
                message
                % {"headline": article.headline, "reason": form_problems(transition)},
                messages.ERROR,
            )
            return
        action = transition.cleaned_data["transition"]
        note = transition.cleaned_data["note"]
        requested = form.requested_publication_time()
        now = timezone.now()
        if not action and requested is None:
            return
        if not action:
            action = Action.SCHEDULE if requested > now else Action.PUBLISH
        if action in (Action.PUBLISH, Action.SCHEDULE):
            at = requested
            if at is None and article.status != Article.Status.PUBLISHED:
                # A draft's planned time in the future makes "Publish now" a schedule.
                planned = article.published_at
                at = planned if planned and planned > now else None
            self._transition_one(request, article, action, note, at=at)
        else:
            self._transition_one(request, article, action, note)

    def run_transitions(self, request, queryset, action):
        done = 0
        for article in queryset:
            if self._transition_one(request, article, action, "", quiet=True):
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article: %(action)s.",
                    "%(count)d articles: %(action)s.",
                    done,
                )
                % {"count": done, "action": ArticleTransition.Action(action).label},
                messages.SUCCESS,
            )

    def _transition_one(self, request, article, action, note, *, at=None, quiet=False):
        """Move one article; say what happened, or why not. Return it, or None."""
        try:
            moved = article_transition(
                article, action=action, by=request.user, note=note, at=at
            )
        except EditorialChecksFailed as failed:
            reason = " ".join(problem.message for problem in failed.report.errors)
            message = _("«%(headline)s» cannot be published yet: %(problems)s")
            self.message_user(
                request,
                message % {"headline": article.headline, "problems": reason},
                messages.ERROR,
            )
            return None
        except (TransitionForbidden, TransitionNotAllowed, ValidationError) as refusal:
            reason = " ".join(getattr(refusal, "messages", None) or [str(refusal)])
            message = _("«%(headline)s» was not moved: %(reason)s")
            self.message_user(
                request,
                message % {"headline": article.headline, "reason": reason},
                messages.ERROR,
            )
            return None
        if quiet:
            return moved
        if moved.is_scheduled:
            when = formats.date_format(
                timezone.localtime(moved.published_at), "j F Y، H:i"
            )
            message = _(
                "«%(headline)s» is scheduled: it will appear on the site at %(time)s."
            ) % {"headline": moved.headline, "time": when}
        else:
            message = _("«%(headline)s»: %(action)s.") % {
                "headline": moved.headline,
                "action": Action(action).label,
            }
        self.message_user(request, message, messages.SUCCESS)
        return moved
