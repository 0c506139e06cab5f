"""Fail when the Arabic catalogue misses a string of the code, or its .mo is stale.

Runs makemessages into a temporary copy, so the committed catalogue is not touched.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale/ar/LC_MESSAGES/django.po"


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
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "ar",
                "--no-obsolete",
                "--ignore",
                "articles/tests/data/*",
                "-v0",
            ],
            cwd=copy,
            check=True,
        )
        untranslated, fuzzy = entries(copy / PO.relative_to(ROOT))
        if untranslated.strip() or fuzzy.strip():
            print(
                "Strings without an Arabic translation (run `make messages` and translate):"
            )
            print(untranslated, fuzzy)
            sys.exit(1)
        mo = Path(tmp) / "check.mo"
        subprocess.run(["msgfmt", "--check", "-o", str(mo), str(PO)], check=True)
        committed = PO.with_suffix(".mo")
        if not committed.exists() or committed.read_bytes() != mo.read_bytes():
            sys.exit(f"{committed.relative_to(ROOT)} is stale: run `make messages`.")
    print("Arabic catalogue: complete and compiled.")


if __name__ == "__main__":
    main()
