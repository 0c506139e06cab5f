"""The article form's autosave (``desk.autosave``): the endpoint its script posts to
as the editor types, and what the form shows when unsaved changes were kept."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desk.autosave import autosave_discard, autosave_offer, autosave_store
from desk.forms import AutosaveForm


class ArticleAutosaveMixin:
    def get_autosave_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "autosave/",
                self.admin_site.admin_view(require_POST(self.autosave_view)),
                name=f"{info[0]}_{info[1]}_autosave",
            ),
        ]

    def _autosave_article(self, request, object_id):
        """The article ``object_id`` names (None: a new article), if ``request.user``
        may edit it (PermissionDenied otherwise)."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def autosave_view(self, request):
        # Someone who may neither add nor change articles learns nothing more,
        # whatever they post; the article itself is checked once the post is read.
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ):
            raise PermissionDenied
        form = AutosaveForm(request.POST)
        if not form.is_valid():
            return JsonResponse(
                {
                    "saved": False,
                    "message": _(
                        "Unsaved changes were not kept: the request was not "
                        "understood. Reload the page."
                    ),
                    "errors": form.errors.get_json_data(),
                },
                status=400,
            )
        data = form.cleaned_data
        article = self._autosave_article(request, data["article"])
        if data["discard"]:
            autosave_discard(request.user, article)
            return JsonResponse({"discarded": True})
        stored = autosave_store(
            request.user,
            article,
            form.kept_fields(),
            tab=data["tab"],
            base_version=data["version"],
            force=data["force"],
        )
        answer = {
            "saved": stored.saved,
            "others": list(stored.others),
            "time": formats.time_format(timezone.localtime(stored.saved_at), "H:i")
            if stored.saved_at
            else "",
        }
        if stored.other_tab:
            answer["message"] = _(
                "This article is being edited in another tab or window: changes "
                "here are no longer kept as you type."
            )
            return JsonResponse(answer, status=409)
        return JsonResponse(answer)

    def autosave_context(self, request, article):
        """What the change form needs for its autosave: where to post, and the
        unsaved changes to offer back."""
        kept = autosave_offer(request.user, article)
        return {
            "desk_autosave_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_autosave"
            ),
            "desk_autosave": kept,
            "desk_autosave_stale": kept is not None
            and article is not None
            and kept.base_version != article.version,
        }
