import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.management.commands import ensure_admin

pytestmark = pytest.mark.django_db


def test_ensure_admin_generates_a_password_once(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("NEWSROOM_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / ".admin-password")
    call_command("ensure_admin")
    password = (tmp_path / ".admin-password").read_text().strip()
    assert password in capsys.readouterr().out
    assert (tmp_path / ".admin-password").stat().st_mode & 0o777 == 0o600
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)

    call_command("ensure_admin")
    assert "already exists" in capsys.readouterr().out
    admin.refresh_from_db()
    assert admin.check_password(password)


def test_ensure_admin_takes_the_password_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSROOM_ADMIN_PASSWORD", "كلمة-سر-طويلة")
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / ".admin-password")
    call_command("ensure_admin", "--username", "chief")
    assert (
        get_user_model().objects.get(username="chief").check_password("كلمة-سر-طويلة")
    )
    assert not (tmp_path / ".admin-password").exists()
