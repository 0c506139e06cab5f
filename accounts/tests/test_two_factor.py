"""Two-factor sign-in: the gate for each role, enrolment with a QR code, the second
step with a real TOTP code or a backup code, throttling and replay, the reset
command, and the audit entries."""

import io
import re
from base64 import b32encode

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.tests.two_factor import authenticator, totp_code
from articles.services.roles import CHIEF, EDITOR, REPORTER
from articles.tests.factories import chief, editor, make_user, reporter
from articles.tests.html import elements
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action
LOGIN = "/admin/login/"
ENROL = "/admin/two-factor/"
VERIFY = "/admin/two-factor/verify/"
DESK = "/admin/"


def password_only(username, lang="en"):
    """A browser past the first step (the password) of the desk's sign-in form."""
    client = Client()
    client.cookies["django_language"] = lang
    response = client.post(LOGIN, {"username": username, "password": "pw"})
    assert response.status_code == 302, "the password was refused"
    return client


def audit(action):
    return list(AuditEvent.objects.filter(action=action).order_by("at", "id"))


def superuser(username="root"):
    return make_user(username, superuser=True)


# The gate, role by role ------------------------------------------------------------


def test_a_reporter_may_use_the_desk_without_two_factor():
    reporter("hind")
    client = password_only("hind")
    assert client.get(DESK).status_code == 200
    assert client.get("/admin/articles/article/").status_code == 200


@pytest.mark.parametrize("make", [editor, chief, superuser])
def test_editors_the_chief_and_superusers_must_enrol_before_the_desk_opens(make):
    user = make("amal")
    client = password_only("amal")
    for page in (DESK, "/admin/articles/article/", "/admin/sessions/"):
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"] == f"{ENROL}?next={page.replace('/', '%2F')}"
    enrol = client.get(ENROL)
    assert enrol.status_code == 200
    assert "Your role requires two-factor sign-in" in enrol.content.decode()
    assert two_factor.two_factor_required(user)


def test_the_groups_that_must_use_two_factor_are_a_setting(settings):
    settings.NEWSROOM_2FA_REQUIRED_GROUPS = [REPORTER]
    reporter("hind")
    editor("amal")
    assert password_only("hind").get(DESK)["Location"].startswith(ENROL)
    assert password_only("amal").get(DESK).status_code == 200


def test_a_reporter_who_enrolled_must_give_a_code_too():
    authenticator(reporter("hind"))
    response = password_only("hind").get(DESK)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_pages_outside_the_desk_stay_open_before_the_second_step(seed_article):
    editor("amal")
    client = password_only("amal")
    assert client.get("/").status_code == 200
    assert client.get(seed_article.get_absolute_url()).status_code == 200
    assert client.post("/admin/logout/").status_code in (200, 302)


@pytest.mark.second_step_pending
def test_force_login_in_tests_so_marked_leaves_the_second_step_owed(client):
    client.force_login(editor("amal"))
    assert client.get(DESK)["Location"].startswith(ENROL)


# Enrolment ---------------------------------------------------------------------------


def test_enrolment_shows_an_inline_qr_code_and_the_key():
    amal = editor("amal")
    client = password_only("amal")
    response = client.get(ENROL)
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=amal, confirmed=False)
    secret = b32encode(device.bin_key).decode()
    assert secret in html
    (svg,) = re.findall(r'class="desk-qr"[^>]*>(<svg.*?</svg>)', html, flags=re.S)
    assert elements(svg, "path")
    # Nothing the CSP would block: no inline style, no link.
    assert not elements(svg, "style") and not elements(svg, style=True)
    assert not [e for e in elements(svg) if any("href" in name for name in e.attrs)]
    assert response["Cache-Control"].count("no-cache")
    # Reloading the page keeps the same secret, for the app already scanned it.
    assert secret in client.get(ENROL).content.decode()
    assert TOTPDevice.objects.filter(user=amal).count() == 1


def test_enrolling_with_a_code_from_the_app_opens_the_desk_and_gives_backup_codes():
    amal = editor("amal")
    client = password_only("amal")
    client.get(f"{ENROL}?next=/admin/articles/article/")
    device = TOTPDevice.objects.get(user=amal)

    response = client.post(
        ENROL, {"code": totp_code(device), "next": "/admin/articles/article/"}
    )

    assert response.status_code == 200
    codes = re.findall(
        r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode()
    )
    assert len(codes) == two_factor.BACKUP_CODES
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=amal).values_list("token", flat=True)
    )
    assert elements(response, href="/admin/articles/article/")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(DESK).status_code == 200
    (enrolled,) = audit(Action.TWO_FACTOR_ENROLLED)
    assert (enrolled.actor, enrolled.subject) == (amal, "amal")
    assert enrolled.address == "127.0.0.1"


def test_a_wrong_code_at_enrolment_is_refused_and_recorded():
    amal = editor("amal")
    client = password_only("amal")
    client.get(ENROL)

    response = client.post(ENROL, {"code": "000000"})

    assert "That is not the code the app shows now." in response.content.decode()
    assert not two_factor.two_factor_enrolled(amal)
    assert client.get(DESK).status_code == 302
    (failed,) = audit(Action.TWO_FACTOR_FAILED)
    assert (failed.actor, failed.subject) == (amal, "amal")


# The second step ------------------------------------------------------------------


@pytest.mark.parametrize("make", [reporter, editor, chief])
def test_a_code_from_the_app_completes_the_sign_in(make):
    device = authenticator(make("amal"))
    client = password_only("amal")
    response = client.get("/admin/articles/article/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Farticles%2Farticle%2F"
    assert client.get(response["Location"]).status_code == 200

    response = client.post(
        VERIFY, {"code": totp_code(device), "next": "/admin/articles/article/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/articles/article/"
    assert client.get(DESK).status_code == 200
    assert client.get(VERIFY)["Location"] == DESK  # nothing more to verify


def test_a_wrong_code_is_refused_recorded_and_then_throttled(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a pause a slow machine cannot outlast
    amal = editor("amal")
    device = authenticator(amal)
    client = password_only("amal")

    wrong = client.post(VERIFY, {"code": "123456"})
    assert "That code is not right." in wrong.content.decode()
    # Right at once after a wrong one: refused, with how long to wait.
    throttled = client.post(VERIFY, {"code": totp_code(device)})
    assert re.search(
        r"Too many wrong codes: wait (60|59|58) seconds", throttled.content.decode()
    )

    assert client.get(DESK).status_code == 302
    failed = audit(Action.TWO_FACTOR_FAILED)
    assert [(e.actor, e.subject) for e in failed] == [(amal, "amal")]


def test_a_code_works_once():
    device = authenticator(editor("amal"))
    code = totp_code(device)
    first, second = password_only("amal"), password_only("amal")
    assert first.post(VERIFY, {"code": code}).status_code == 302
    assert second.post(VERIFY, {"code": code}).status_code == 200
    assert second.get(DESK).status_code == 302


def test_a_backup_code_completes_the_sign_in_once_and_is_recorded():
    amal = editor("amal")
    authenticator(amal)
    codes = two_factor.backup_codes_renew(amal)
    first, second = password_only("amal"), password_only("amal")

    assert first.post(VERIFY, {"code": f" {codes[0].upper()} "}).status_code == 302
    assert first.get(DESK).status_code == 200
    assert second.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert two_factor.backup_codes_left(amal) == len(codes) - 1
    (used,) = audit(Action.BACKUP_CODE_USED)
    assert (used.actor, used.subject) == (amal, "amal")


def test_without_the_second_step_no_new_app_can_be_set_up():
    """A stolen password must not let anyone replace the owner's app."""
    authenticator(editor("amal"))
    client = password_only("amal")
    assert client.get(ENROL)["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"})["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user__username="amal").count() == 1


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/"])
def test_only_pages_of_the_site_are_followed_after_the_code(elsewhere):
    device = authenticator(editor("amal"))
    client = password_only("amal")
    response = client.post(VERIFY, {"code": totp_code(device), "next": elsewhere})
    assert response["Location"] == DESK


def test_the_sign_in_throttle_still_locks_before_the_second_step(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    authenticator(editor("amal"))
    for _attempt in range(2):
        client.post(LOGIN, {"username": "amal", "password": "wrong"})
    assert client.post(LOGIN, {"username": "amal", "password": "pw"}).status_code == 429
    assert client.get(VERIFY).status_code == 302  # to the sign-in page, not the step
    assert client.get(VERIFY)["Location"].startswith(LOGIN)


# Once enrolled ----------------------------------------------------------------------


def test_new_backup_codes_replace_the_old_ones(desk):
    authenticator(desk.user)
    old = two_factor.backup_codes_renew(desk.user)
    page = desk.get(ENROL).content.decode()
    assert f"لديك {len(old)} رموز احتياطية غير مستعملة." in page

    response = desk.post(ENROL)

    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == two_factor.BACKUP_CODES and not set(new) & set(old)
    assert set(
        StaticToken.objects.filter(device__user=desk.user).values_list(
            "token", flat=True
        )
    ) == set(new)


def test_the_desk_links_to_two_factor_sign_in(desk):
    assert elements(desk.get(DESK), href=ENROL)


# Reset --------------------------------------------------------------------------------


def test_reset_removes_the_lost_app_and_signs_the_user_out_everywhere():
    amal = editor("amal")
    device = authenticator(amal)
    two_factor.backup_codes_renew(amal)
    client = password_only("amal")
    client.post(VERIFY, {"code": totp_code(device)})
    assert client.get(DESK).status_code == 200
    out = io.StringIO()

    call_command("reset_two_factor", "amal", "--dry-run", stdout=out)
    assert "Two-factor sign-in of amal is set up." in out.getvalue()
    call_command("reset_two_factor", "amal", stdout=out)

    assert "Removed 2 two-factor devices of amal" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=amal).exists()
    assert not StaticDevice.objects.filter(user=amal).exists()
    assert client.get(DESK)["Location"].startswith(LOGIN)
    # At the next sign-in, the editor sets up a new app.
    assert password_only("amal").get(DESK)["Location"].startswith(ENROL)
    (reset,) = audit(Action.TWO_FACTOR_RESET)
    assert (reset.actor, reset.subject, reset.address) == (None, "amal", None)


def test_reset_of_an_unknown_user_fails():
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("reset_two_factor", "nobody")


def test_the_pages_speak_arabic_by_default():
    authenticator(editor("amal"))
    client = password_only("amal", lang="ar")
    response = client.get(VERIFY)
    html = response.content.decode()
    assert elements(html, dir="rtl")
    assert "الخطوة الثانية" in html
    assert Group.objects.filter(name__in=[EDITOR, CHIEF]).count() == 2
