#!/usr/bin/env python3
"""Scan a running Newsroom with wapiti and fail on any finding of medium severity or
above.

The app is served as in production (``make serve``: gunicorn, DEBUG off, HTTPS
settings on, static files collected) on a free loopback port, over TLS with a
throw-away self-signed certificate, from a fresh SQLite database seeded the way
``make run`` seeds one (fixtures, an admin account, the pieces in ``seeds/``
imported and published). wapiti runs from its own virtual environment
(``.scan-venv``, made here from ``scripts/scan-requirements.txt``: its pinned
dependencies would clash with the app's) three times:

- as a reader: the public site and the desk's sign-in page;
- as an editor past the password but not the second step: the desk, which then
  shows that editor the two-factor page and nothing else;
- as staff who may view everything in the desk and change nothing: its lists,
  searches, filters, forms, histories and the pages of one's own sign-in.

Each crawls what it can reach, attacks every form and parameter it finds, and
writes a JSON report; this script prints every finding and exits 1 when one is
medium or worse. The desk is not scanned as staff who may change things: wapiti
would fill in and post its forms (publishing, deleting) with its payloads.

Exit status: 0 no finding of medium severity or above; 1 such findings; 2 the scan
could not run (wapiti not installable, the server did not start, no report).
"""

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".scan-venv"
REQUIREMENTS = ROOT / "scripts" / "scan-requirements.txt"
PY = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
#: wapiti's own scale (wapitiCore.language.vulnerability).
LEVELS = {0: "info", 1: "low", 2: "medium", 3: "high", 4: "critical"}
MEDIUM = 2
#: wapiti's default modules less ``ssrf`` (it needs wapiti's endpoint on the
#: internet, which the scan must not reach) and ``ssl`` (TLS is the front server's
#: job in production, not gunicorn's; here it only serves the throw-away
#: certificate), plus the checks that fit a Django site. The passive checks
#: (security headers, cookie flags, CSP) always run.
MODULES = ",".join(
    [
        *("exec", "file", "permanentxss", "redirect", "sql", "upload", "xss"),
        *("crlf", "csrf", "methods", "xxe", "backup", "htaccess"),
    ]
)
#: Makes the two staff members the desk is scanned as, and prints the keys of their
#: sessions: an editor with an authenticator app, past the password only (as the
#: sign-in form leaves it), and a staff member who may only view (nothing of theirs
#: that wapiti posts can publish, change or delete), signed in and needing no code.
STAFF_SESSIONS = """
import time
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, Permission, User
from django_otp.plugins.otp_totp.models import TOTPDevice
from accounts import sessions
from accounts.session_store import SessionStore
from articles.services.roles import EDITOR

def signed_in(user):
    store, now = SessionStore(), int(time.time())
    store.update({
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: user.get_session_auth_hash(),
        sessions.SIGNED_IN_AT: now,
        sessions.LAST_SEEN: now,
    })
    store.create()
    print(store.session_key)

editor = User.objects.create_user("scan-editor", is_staff=True)
editor.groups.add(Group.objects.get(name=EDITOR))
TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)
signed_in(editor)
viewer = User.objects.create_user("scan-viewer", is_staff=True)
viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
signed_in(viewer)
"""


class ScanError(Exception):
    pass


def scanner() -> Path:
    """The wapiti executable, installing it into ``.scan-venv`` when missing or
    when its requirements changed."""
    wapiti, stamp = VENV / "bin" / "wapiti", VENV / ".installed"
    fresh = stamp.exists() and stamp.stat().st_mtime >= REQUIREMENTS.stat().st_mtime
    if wapiti.exists() and fresh:
        return wapiti
    print(f"Installing wapiti into {VENV.relative_to(ROOT)}", flush=True)
    python = getattr(sys, "_base_executable", sys.executable)
    pip = [str(VENV / "bin" / "pip"), "install", "--disable-pip-version-check"]
    steps = [
        [python, "-m", "venv", "--clear", str(VENV)],
        [*pip, "--quiet", "-r", str(REQUIREMENTS)],
    ]
    for step in steps:
        if subprocess.run(step, check=False).returncode:  # nosec B603
            raise ScanError(f"cannot install wapiti: {' '.join(step)} failed")
    if not wapiti.exists():
        raise ScanError(f"{wapiti} is missing after the install")
    stamp.touch()
    return wapiti


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_environment(work: Path) -> dict:
    """Production settings (DEBUG off, HTTPS on) with a database and folders of the
    scan's own."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG"}}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        NEWSROOM_IMPORT_STAGING_DIR=str(work / "staging"),
        NEWSROOM_ADMIN_PASSWORD=secrets.token_urlsafe(24),
        REDIS_URL="",
    )
    return env


def seed(env: dict) -> tuple[str, str]:
    """Seed the database as ``make run`` does; return the keys of the staff
    sessions the desk is scanned with (see ``STAFF_SESSIONS``)."""
    manage = [str(PY), "manage.py"]
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["load_missing_fixtures", "-v0"],
        ["ensure_admin"],
        ["import_articles", "--publish", "--user", "admin", "-v0", "seeds/"],
        ["collectstatic", "--no-input", "-v0"],
        ["shell", "--no-imports", "-c", STAFF_SESSIONS],
    ):
        result = subprocess.run(  # nosec B603
            manage + command, cwd=ROOT, env=env, capture_output=True, text=True
        )
        if result.returncode:
            raise ScanError(f"manage.py {command[0]} failed:\n{result.stderr}")
    editor, viewer = result.stdout.split()[-2:]
    return editor, viewer


def certificate(work: Path) -> tuple[Path, Path]:
    cert, key = work / "cert.pem", work / "key.pem"
    result = subprocess.run(  # nosec B603 B607
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes"),
            *("-days", "1", "-subj", "/CN=127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise ScanError(f"openssl cannot make a certificate:\n{result.stderr}")
    return cert, key


def wait_until_up(url: str, server: subprocess.Popen, seconds=60) -> None:
    import ssl

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our own throw-away certificate
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ScanError("gunicorn stopped before answering")
        try:
            with urllib.request.urlopen(  # noqa: S310  # nosec B310 # https, ours
                f"{url}healthz", context=context, timeout=2
            ) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise ScanError(f"gunicorn did not answer at {url}healthz in {seconds} s")


def findings(report: dict) -> list[tuple[int, str, str]]:
    """Every vulnerability and anomaly in wapiti's JSON ``report`` as (level, kind,
    where and what)."""
    found = []
    for section in ("vulnerabilities", "anomalies"):
        for kind, items in (report.get(section) or {}).items():
            for item in items:
                where = f"{item.get('method', '')} {item.get('path', '')}".strip()
                param = item.get("parameter")
                what = f"{where} [{param}]" if param else where
                found.append(
                    (int(item.get("level", 0)), kind, f"{what}: {item['info']}")
                )
    return found


def verdict(reports: list[dict]) -> tuple[int, list[str]]:
    """The exit status for wapiti's JSON ``reports`` (1 when a finding is medium or
    worse), and the lines to print: every finding, worst first, then the count."""
    found = sorted(
        (item for report in reports for item in findings(report)), key=lambda f: -f[0]
    )
    lines = [
        f"{LEVELS.get(level, level):>8}  {kind}: {what}" for level, kind, what in found
    ]
    serious = [f for f in found if f[0] >= MEDIUM]
    lines.append(
        f"wapiti: {len(found)} finding(s), {len(serious)} of medium severity or above"
    )
    return (1 if serious else 0), lines


def scan(wapiti: Path, url: str, start: str, report: Path, work: Path, *options):
    """Crawl and attack ``url`` and everything under it from ``start``."""
    command = [
        str(wapiti),
        *("--url", url, "--start", start, "--scope", "folder"),
        *("--module", MODULES, "--verify-ssl", "0", "--verbose", "0"),
        *("--flush-session", "--store-session", str(work / "session")),
        *("--format", "json", "--output", str(report)),
        # Signing out would end the staff's session halfway through.
        *("--exclude", f"{url.split('/admin/')[0]}/admin/logout/*"),
        # The desk's lists link to every combination of their filters: a few of
        # each list are enough, and the attacks then have time for every page.
        *("--max-files-per-dir", "30", "--remove", "_facets"),
        *options,
    ]
    result = subprocess.run(command, check=False)  # nosec B603
    if result.returncode or not report.exists():
        raise ScanError(f"wapiti failed (exit {result.returncode}) or wrote no report")
    return json.loads(report.read_text(encoding="utf-8"))


def serve_and_scan(wapiti, env, work, folder, server_log, args, staff_sessions):
    """Serve the app with gunicorn over TLS and scan it three times; return the
    reports."""
    cert, key = certificate(work)
    port = free_port()
    url = f"https://127.0.0.1:{port}/"
    time_each = (
        *("--max-scan-time", str(args.crawl_time)),
        *("--max-attack-time", str(args.attack_time)),
    )
    editor_session, viewer_session = staff_sessions
    # wapiti sends a cookie given on its command line instead of those the site
    # sets: without a CSRF cookie of its own, every form it posts would be refused
    # before reaching the view. Forms the site renders then carry a matching token.
    csrf = f"csrftoken={secrets.token_hex(16)}"
    with server_log.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(  # nosec B603
            [
                *(str(GUNICORN), "newsroom.wsgi", "--bind", f"127.0.0.1:{port}"),
                *("--workers", "2", "--log-level", "warning"),
                *("--certfile", str(cert), "--keyfile", str(key)),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(url, server)
            print(f"Scanning {url} as a reader", flush=True)
            reader = scan(
                wapiti,
                url,
                f"{url}admin/login/",
                folder / "wapiti-reader.json",
                work,
                *time_each,
            )
            print(f"Scanning {url}admin/ before the second step", flush=True)
            second_step = scan(
                wapiti,
                f"{url}admin/",
                f"{url}admin/",
                folder / "wapiti-second-step.json",
                work,
                *time_each,
                *("--cookie-value", f"sessionid={editor_session}; {csrf}"),
            )
            print(f"Scanning {url}admin/ as staff who may only view", flush=True)
            viewer = scan(
                wapiti,
                f"{url}admin/",
                f"{url}admin/",
                folder / "wapiti-viewer.json",
                work,
                *time_each,
                *("--cookie-value", f"sessionid={viewer_session}; {csrf}"),
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    return [reader, second_step, viewer]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--crawl-time",
        type=int,
        default=120,
        help="longest each scan may explore the site, in seconds (default 120)",
    )
    parser.add_argument(
        "--attack-time",
        type=int,
        default=30,
        help="longest each attack module may run in each scan, in seconds (default 30)",
    )
    parser.add_argument(
        "--reports",
        type=Path,
        help="folder where to keep wapiti's JSON reports (default: thrown away)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsroom-scan-") as tmp:
        work = Path(tmp)
        folder = args.reports or work
        folder.mkdir(parents=True, exist_ok=True)
        # Every probe makes the server log a 404, a refused form or a failed
        # sign-in: kept out of the way, shown when something went wrong.
        server_log = folder / "server.log"
        try:
            wapiti = scanner()
            env = app_environment(work)
            staff_sessions = seed(env)
            reports = serve_and_scan(
                wapiti, env, work, folder, server_log, args, staff_sessions
            )
        except ScanError as error:
            print(f"SCAN FAILED: {error}", file=sys.stderr)
            if server_log.exists():
                tail = server_log.read_text(encoding="utf-8").splitlines()[-40:]
                print("\n".join(["The server's last lines:", *tail]), file=sys.stderr)
            return 2
    status, lines = verdict(reports)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
