"""Settings are read from the environment: each case runs Django in a fresh process."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

PROBE = """
import json, django
from django.conf import settings

django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG, "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "TIME_ZONE": settings.TIME_ZONE, "USE_TZ": settings.USE_TZ,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    "LANGUAGES": [code for code, _ in settings.LANGUAGES],
    "ENGINE": db["ENGINE"], "NAME": str(db["NAME"]), "OPTIONS": db.get("OPTIONS", {}),
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "STATICFILES": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""
CLEAN = {
    k: v
    for k, v in os.environ.items()
    if not k.startswith(("DJANGO_", "DATABASE_")) and k != "NEWSROOM_REQUIRE_POSTGRES"
}
PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "news.example.com",
}


def run(args, **env):
    return subprocess.run(
        [sys.executable, *args],
        env={**CLEAN, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def probe(**env):
    result = run(["-c", PROBE], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_defaults_are_safe():
    values = probe(**PRODUCTION)
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] and values["SESSION_COOKIE_SECURE"]
    assert values["ALLOWED_HOSTS"] == ["news.example.com"]
    assert (
        values["STATICFILES"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_default_database_is_an_sqlite_file_in_the_project_folder():
    values = probe(**PRODUCTION)
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"] == str(settings.BASE_DIR / "db.sqlite3")


def test_language_time_zone_and_debug_come_from_the_environment():
    values = probe(DJANGO_DEBUG="1", DJANGO_TIME_ZONE="Africa/Cairo")
    assert values["DEBUG"] is True
    assert values["TIME_ZONE"] == "Africa/Cairo"
    assert values["USE_TZ"] is True
    assert values["LANGUAGE_CODE"] == "ar"
    assert values["LANGUAGES"] == ["ar", "en"]
    assert probe(**PRODUCTION)["TIME_ZONE"] == "Asia/Qatar"


def test_postgresql_url_uses_the_pool_with_a_short_timeout():
    values = probe(**PRODUCTION, DATABASE_URL="postgres://desk@db.internal:5432/news")
    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["NAME"] == "news"
    assert values["OPTIONS"]["pool"]["timeout"] <= 10
    assert values["OPTIONS"]["connect_timeout"] <= 10


def test_postgresql_prepares_repeated_queries_unless_told_not_to():
    url = "postgres://desk@db.internal:5432/news"
    options = probe(**PRODUCTION, DATABASE_URL=url)["OPTIONS"]
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5
    options = probe(**PRODUCTION, DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS="0")[
        "OPTIONS"
    ]
    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options


def test_without_a_secret_key_a_development_install_gets_its_own_stable_key():
    key_file = settings.BASE_DIR / ".secret-key"
    probe_key = ["-c", "from django.conf import settings; print(settings.SECRET_KEY)"]
    result = run(probe_key, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    again = run(probe_key, DJANGO_DEBUG="1")
    assert result.stdout == again.stdout
    assert len(result.stdout.strip()) >= 50
    assert key_file.read_text().strip() == result.stdout.strip()
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_without_a_secret_key_production_settings_refuse_to_start():
    result = run(["manage.py", "check"], DJANGO_ALLOWED_HOSTS="news.example.com")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off" in result.stderr


def test_malformed_boolean_is_a_clear_error():
    result = run(["-c", PROBE], **PRODUCTION, DJANGO_DEBUG="maybe")
    assert "DJANGO_DEBUG must be true/false" in result.stderr


def test_check_deploy_is_clean_with_production_values():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_postgresql_outage_fails_fast():
    """An unreachable PostgreSQL fails within the connect timeout (5 s unless set),
    not psycopg's 30 s: the settings ask for it, and a command then fails."""
    nowhere = "postgres://postgres@127.0.0.1:1/nowhere"
    probe = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    )
    options = json.loads(run(["-c", probe], **PRODUCTION, DATABASE_URL=nowhere).stdout)
    assert options["connect_timeout"] == 5
    assert options["pool"]["timeout"] == 5

    result = run(
        ["manage.py", "migrate", "--check"], **PRODUCTION, DATABASE_URL=nowhere
    )
    assert result.returncode != 0
