"""Sign-in throttling: by username, by address, a forged X-Forwarded-For, unlocking."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from articles.tests.factories import editor

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password="wrong", remote_addr="203.0.113.7", **meta):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=remote_addr,
        **meta,
    )


def test_wrong_passwords_for_one_name_lock_it_even_the_right_one(client):
    editor("amal")
    for _ in range(2):
        assert attempt(client, "amal").status_code == 200  # the form, with its error
    assert attempt(client, "amal").status_code == 429  # the third wrong one locks
    locked = attempt(client, "amal", password="pw")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    assert "اطلب من رئيس التحرير فتح الحساب" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_name_is_locked_from_every_address(client):
    editor("amal")
    for number in range(3):
        attempt(client, "amal", remote_addr=f"198.51.100.{number}")
    assert attempt(client, "amal", "pw", remote_addr="192.0.2.99").status_code == 429


def test_one_address_trying_many_names_is_locked(client):
    editor("amal")
    for name in ("a", "b", "c"):
        attempt(client, name)
    assert attempt(client, "amal", "pw").status_code == 429


def test_a_locked_sign_in_checks_no_password(client, monkeypatch):
    user = editor("amal")
    for _ in range(3):
        attempt(client, "amal")
    checked = []
    monkeypatch.setattr(
        type(user), "check_password", lambda self, raw: checked.append(raw) or True
    )
    assert attempt(client, "amal", "pw").status_code == 429
    assert checked == []


def test_a_forged_forwarded_address_does_not_escape_the_lock(client):
    editor("amal")
    for number in range(6):
        attempt(client, f"name{number}", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    response = attempt(client, "amal", "pw", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, settings):
    settings.NEWSROOM_BEHIND_PROXY = True
    editor("amal")
    # The client sends a made-up first hop; our proxy appends the real address.
    for number in range(3):
        attempt(
            client,
            f"name{number}",
            remote_addr="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 198.51.100.20",
        )
    blocked = attempt(
        client,
        "amal",
        "pw",
        remote_addr="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.20",
    )
    assert blocked.status_code == 429
    other = attempt(
        client,
        "amal",
        "pw",
        remote_addr="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.21",
    )
    assert other.status_code == 302  # another reader behind the same proxy


def test_the_lock_ends_after_the_cool_off(client):
    editor("amal")
    for _ in range(3):
        attempt(client, "amal")
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - timezone.timedelta(hours=1)
    )
    assert attempt(client, "amal", "pw").status_code == 302


def test_the_chief_can_unlock_at_once(client):
    editor("amal")
    for _ in range(3):
        attempt(client, "amal")
    call_command("axes_reset_username", "amal", verbosity=0)
    assert attempt(client, "amal", "pw").status_code == 302
    assert get_user_model().objects.get(username="amal").last_login is not None


def test_failures_and_the_lockout_are_logged_with_name_and_address(client, caplog):
    editor("amal")
    with caplog.at_level("WARNING", logger="newsroom.signin"):
        for _ in range(3):
            attempt(client, "amal")
    messages = [r.getMessage() for r in caplog.records if r.name == "newsroom.signin"]
    assert messages.count("sign-in failed for 'amal' from 203.0.113.7") == 3
    assert "sign-in locked for 'amal' from 203.0.113.7" in messages
