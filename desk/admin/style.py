"""The house-style check in the article form: the findings of ``style`` listed above
the fields, each certain fix applied with one click (as a save of the editor's, with
its revision)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.services import EditConflict
from desk.forms import StyleFixForm
from style.services import StyleFixRefused, article_apply_style_fix


class ArticleStyleMixin:
    def get_style_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/style-fix/",
                self.admin_site.admin_view(require_POST(self.style_fix_view)),
                name=f"{info[0]}_{info[1]}_style_fix",
            ),
        ]

    def style_fix_view(self, request, object_id):
        article = self._viewable_article(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[article.pk],
        )
        form = StyleFixForm(request.POST)
        if not form.is_valid():
            self.message_user(
                request,
                _(
                    "Nothing was changed: the request did not say which finding to "
                    "fix, or at which version of the article. Check again."
                ),
                messages.WARNING,
            )
            return HttpResponseRedirect(change_url + "#desk-style")
        try:
            finding = article_apply_style_fix(
                article,
                form.cleaned_data["fix"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except (StyleFixRefused, EditConflict) as refusal:
            message = (
                str(refusal)
                if isinstance(refusal, StyleFixRefused)
                else _(
                    "Someone saved the article since you opened it; nothing was "
                    "changed. Check again."
                )
            )
            self.message_user(request, message, messages.WARNING)
        else:
            self.message_user(
                request,
                _("Fixed: “%(found)s” is now “%(fixed)s”.")
                % {"found": finding.found, "fixed": finding.replacement},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(change_url + "#desk-style")
