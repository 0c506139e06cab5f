"""Fail when an Arabic catalogue misses a string of the code, or its .mo is stale:
django.po (Python and templates) and djangojs.po (our scripts, and the admin's
script strings we translate in Django's place, see articles/admin/django_strings.js).

Runs makemessages into a temporary copy, so the committed catalogues are not touched.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = {
    domain: ROOT / f"locale/ar/LC_MESSAGES/{domain}.po"
    for domain in ("django", "djangojs")
}


def entries(po_path):
    """Return {msgid: translated?} for a .po file, read with msgattrib."""
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", "--no-wrap", str(po_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", "--no-wrap", str(po_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return untranslated, fuzzy


def main():
    if not shutil.which("msgattrib"):
        sys.exit("GNU gettext (msgattrib, msgfmt) is needed: apt-get install gettext")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(
            ROOT,
            copy,
            ignore=shutil.ignore_patterns(
                ".venv", ".git", "media", "staticfiles", "node_modules", "*.sqlite3*"
            ),
        )
        for domain, po in CATALOGUES.items():
            check(domain, po, copy, Path(tmp))
    print("Arabic catalogues: complete and compiled.")


def check(domain, po, copy, tmp):
    """Exit with a message unless ``po`` translates every string of ``domain`` in
    the project ``copy`` and its committed .mo is compiled from it."""
    if not po.exists():
        sys.exit(f"{po.relative_to(ROOT)} is missing: run `make messages`.")
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-d",
            domain,
            "-l",
            "ar",
            "--no-obsolete",
            "--ignore",
            "ingest/tests/data/*",
            "-v0",
        ],
        cwd=copy,
        check=True,
    )
    untranslated, fuzzy = entries(copy / po.relative_to(ROOT))
    if untranslated.strip() or fuzzy.strip():
        print(
            f"Strings without an Arabic translation in {po.name} (run `make "
            "messages` and translate):"
        )
        print(untranslated, fuzzy)
        sys.exit(1)
    mo = tmp / f"check-{domain}.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)
    committed = po.with_suffix(".mo")
    if not committed.exists() or committed.read_bytes() != mo.read_bytes():
        sys.exit(f"{committed.relative_to(ROOT)} is stale: run `make messages`.")


if __name__ == "__main__":
    main()
