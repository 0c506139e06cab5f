"""Two-factor sign-in for staff (django-otp): who must pass the second step, and the
writes that enrol an authenticator app, verify a code, renew backup codes and reset a
lost device.

After the password, a member of a group in ``NEWSROOM_2FA_REQUIRED_GROUPS`` (editors
and the chief by default), or any superuser (who holds every permission the chief
has), must give a code from an authenticator app (TOTP) or a backup code before the
desk opens; one who has not enrolled yet enrols first. Other staff (reporters) may
enrol, and once enrolled are asked for a code too: a second step one can skip would
protect nothing. :class:`~accounts.middleware.TwoFactorMiddleware` enforces this.

Codes are checked by django-otp's devices, which refuse a code already used (replay)
and pause after wrong ones (one second, then doubling). Every enrolment, wrong code,
backup code used and reset sends :data:`~accounts.signals.two_factor_event`, which
the audit trail records."""

import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .sessions import sessions_end
from .signals import two_factor_event

#: How many backup codes a user gets at a time; each works once.
BACKUP_CODES = 10
#: The names of the devices this module makes.
AUTHENTICATOR, BACKUP = "authenticator", "backup"


def two_factor_required(user) -> bool:
    """Whether ``user`` must pass the second step to use the desk."""
    if not (user.is_active and user.is_staff):
        return False
    return (
        user.is_superuser
        or user.groups.filter(name__in=settings.NEWSROOM_2FA_REQUIRED_GROUPS).exists()
    )


def two_factor_enrolled(user) -> bool:
    """Whether ``user`` has an authenticator app set up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_step(user) -> str | None:
    """What the signed-in ``user`` still owes before the desk opens: ``"verify"`` (a
    code), ``"enrol"`` (setting up an authenticator app), or None."""
    if not user.is_staff or user.is_verified():
        return None
    if two_factor_enrolled(user):
        return "verify"
    return "enrol" if two_factor_required(user) else None


def authenticator_pending(user) -> TOTPDevice:
    """The authenticator ``user`` is setting up: a new secret, kept unconfirmed
    until a code from it is given back."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name=AUTHENTICATOR, confirmed=False
    )


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=BACKUP).count()


@transaction.atomic
def two_factor_enrol(request, *, code: str) -> list[str] | None:
    """Confirm the authenticator the signed-in user is setting up with a ``code`` it
    shows; return their new backup codes, or None when the code is wrong. The
    session then counts as verified."""
    user = request.user
    device = authenticator_pending(user)
    if not device.verify_token(code.strip()):
        two_factor_event.send(TOTPDevice, event="failed", user=user, request=request)
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = backup_codes_renew(user)
    otp_login(request, device)
    two_factor_event.send(TOTPDevice, event="enrolled", user=user, request=request)
    return codes


@transaction.atomic
def backup_codes_renew(user) -> list[str]:
    """Replace ``user``'s backup codes with :data:`BACKUP_CODES` new ones; return
    them (they are shown once)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=BACKUP)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def two_factor_verify(request, *, code: str) -> tuple[bool, int]:
    """Check the second step of the signed-in user's sign-in: a code from their
    authenticator, or one of their backup codes (used up by it). Return whether it
    passed, and when it did not, how many seconds to wait before trying again (0:
    the code was wrong)."""
    user, code = request.user, "".join(code.split()).lower()
    # Backup codes are 8 letters and digits; an app's codes are 6 digits.
    model = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    devices = model.objects.filter(user=user, confirmed=True)
    for device in devices:
        allowed, why = device.verify_is_allowed()
        if not allowed:
            until = (why or {}).get("locked_until") or timezone.now()
            return False, max(1, math.ceil((until - timezone.now()).total_seconds()))
        if verified := verify_token(user, device.persistent_id, code):
            otp_login(request, verified)
            if model is StaticDevice:
                two_factor_event.send(
                    model, event="backup_code_used", user=user, request=request
                )
            return True, 0
    two_factor_event.send(model, event="failed", user=user, request=request)
    return False, 0


@transaction.atomic
def two_factor_reset(user) -> int:
    """Remove ``user``'s authenticator and backup codes (a lost phone) and end their
    sessions; return how many devices were removed. They enrol again at their next
    sign-in."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    sessions_end(user)
    two_factor_event.send(TOTPDevice, event="reset", user=user, request=None)
    return removed
