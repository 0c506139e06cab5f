"""The desk's pages about the signed-in user's own sign-in: their sessions (where
they are signed in, and a button that signs them out everywhere else), setting up
two-factor sign-in with its backup codes, and the second step of signing in."""

from base64 import b32encode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import sessions, two_factor
from .forms import CodeForm


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


def _next_url(request):
    """Where to go once the second step is done: the ``next`` asked for when it is a
    page of this site, else the desk's home."""
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def _page(request, template, title, **context):
    """A page in the desk's frame, without the list of apps: staff see these
    pages before the desk opens to them."""
    return render(
        request,
        template,
        {
            **admin.site.each_context(request),
            "title": title,
            "is_nav_sidebar_enabled": False,
            "next": _next_url(request),
            **context,
        },
    )


def _qr_code(text):
    """``text`` as an inline SVG QR code: our own markup (a white square and one
    path), drawn here, so that nothing is fetched and the secret leaves no log."""
    # Imported here: qrcode loads lxml and Pillow, megabytes every public worker
    # would carry for a page only staff open once.
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308  # nosec B308, B703 # our SVG


@never_cache
@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_enrol(request):
    """Set up an authenticator app (a QR code, then a code from the app), or, once
    set up, see how many backup codes are left and get new ones. Reaching it with
    an app set up takes the second step first (TwoFactorMiddleware)."""
    user, title = request.user, _("Two-factor sign-in")
    if two_factor.two_factor_enrolled(user):
        if request.method == "POST":
            codes = two_factor.backup_codes_renew(user)
            return _page(request, "accounts/two_factor_codes.html", title, codes=codes)
        return _page(
            request,
            "accounts/two_factor.html",
            title,
            enrolled=True,
            codes_left=two_factor.backup_codes_left(user),
        )
    device = two_factor.authenticator_pending(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = two_factor.two_factor_enrol(request, code=form.cleaned_data["code"])
        if codes is not None:
            return _page(request, "accounts/two_factor_codes.html", title, codes=codes)
        form.add_error(
            "code",
            ValidationError(
                _("That is not the code the app shows now. Try the next one."),
                code="wrong",
            ),
        )
    return _page(
        request,
        "accounts/two_factor.html",
        title,
        enrolled=False,
        required=two_factor.two_factor_required(user),
        form=form,
        qr_code=_qr_code(device.config_url),
        secret=b32encode(device.bin_key).decode("ascii"),
    )


@never_cache
@staff_member_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_verify(request):
    """The second step of signing in: a code from the authenticator app, or a
    backup code."""
    if two_factor.second_step(request.user) != "verify":
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        passed, wait = two_factor.two_factor_verify(
            request, code=form.cleaned_data["code"]
        )
        if passed:
            return redirect(_next_url(request))
        error = (
            ValidationError(
                ngettext(
                    "Too many wrong codes: wait %(count)d second and try again.",
                    "Too many wrong codes: wait %(count)d seconds and try again.",
                    wait,
                )
                % {"count": wait},
                code="throttled",
            )
            if wait
            else ValidationError(_("That code is not right."), code="wrong")
        )
        form.add_error("code", error)
    return _page(
        request, "accounts/two_factor_verify.html", _("Second step"), form=form
    )
