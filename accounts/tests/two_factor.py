"""Two-factor test data: an authenticator app set up for a user, the codes it shows,
and a test client's session past the second step."""

import time

from django.http import HttpRequest
from django.test import Client
from django_otp import login as otp_login
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator(user):
    """A confirmed authenticator app (TOTP device) for ``user``."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def totp_code(device, *, steps=0):
    """The six digits ``device``'s app shows now (or ``steps`` periods of 30 s
    later), computed from its secret as a phone does (RFC 6238)."""
    counter = int((time.time() - device.t0) // device.step) + steps
    return f"{hotp(device.bin_key, counter, device.digits):0{device.digits}d}"


def second_step_done(client, user):
    """Mark the session of ``client``, signed in as ``user``, as past the second
    step, as the verification page does (django-otp's ``login``), with a device of
    the tests' own."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="tests")
    request = HttpRequest()
    request.session, request.user = client.session, user
    otp_login(request, device)
    request.session.save()


_force_login = Client.force_login


def force_login_past_the_second_step(client, user, backend=None):
    """``Client.force_login``, then the second step for staff (see the root
    conftest)."""
    _force_login(client, user, backend)
    if user.is_staff:
        second_step_done(client, user)
