"""The signed-in user's own sessions, in the desk's frame: where they are signed in,
and a button that signs them out everywhere else."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import sessions


@never_cache
@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_list(request):
    if request.method == "POST":
        ended = sessions.sessions_end(request.user, keep=request.session.session_key)
        if ended:
            messages.success(
                request,
                ngettext(
                    "Signed out of %(count)d other session.",
                    "Signed out of %(count)d other sessions.",
                    ended,
                )
                % {"count": ended},
            )
        else:
            messages.info(request, _("You were signed in nowhere else."))
        return redirect("accounts:sessions")
    context = {
        **admin.site.each_context(request),
        "title": _("Your sessions"),
        "sessions": sessions.sessions_active(request.user),
        "current_key": request.session.session_key,
        "idle_minutes": settings.NEWSROOM_SESSION_IDLE_SECONDS // 60,
        "max_hours": settings.NEWSROOM_SESSION_MAX_SECONDS // 3600,
    }
    return render(request, "accounts/sessions.html", context)
