"""The layout's rules (README, "Layout"): which app may import which, and which modules
stay free of Django. Read from the source, so a forbidden import fails here even when
nothing runs it."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
#: The project's apps each app's code may import (besides itself and ``newsroom``).
MAY_IMPORT = {
    "articles": set(),
    "search": {"articles"},
    "ingest": {"articles"},
    "public": {"articles", "search"},
    "desk": {"articles", "search", "ingest", "public", "style"},
    "ops": set(),
    "accounts": set(),
    "audit": {"articles", "accounts", "ingest"},
    "style": {"articles"},
    "api": {"articles", "ingest", "public"},
}
APPS = tuple(MAY_IMPORT)
#: Tools beside an app's code, allowed more than the app itself: the relevance
#: evaluation imports its judged corpus through the importer.
EXCEPTIONS = {ROOT / "search" / "evaluation": {"ingest"}}

#: Modules that must not import Django, even indirectly: the importer is used by
#: scripts and workers without settings, and both are tested without a database.
PURE_PACKAGES = ["ingest.importer"]
PURE_MODULES = [
    *(
        f"{package}.{module.name}"
        for package in PURE_PACKAGES
        for module in pkgutil.iter_modules([str(ROOT.joinpath(*package.split(".")))])
    ),
    *PURE_PACKAGES,
    "articles.text",
    "articles.body",
    "articles.notation",
    "articles.embeds",
    "articles.block_html",
]


def code_files(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def imported_apps(path):
    """The project apps ``path`` imports, wherever the import statement stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names)
    return found & set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_each_app_imports_only_the_apps_below_it(app):
    wrong = []
    for path in code_files(app):
        allowed = {app} | MAY_IMPORT[app]
        for folder, extra in EXCEPTIONS.items():
            if folder in path.parents:
                allowed |= extra
        wrong += [
            f"{path.relative_to(ROOT)} imports {other}"
            for other in sorted(imported_apps(path) - allowed)
        ]
    assert not wrong, "\n".join(wrong)


def test_every_app_has_rules():
    apps = {
        path.parent.name
        for path in ROOT.glob("*/apps.py")
        if path.parent.name != "newsroom"
    }
    assert apps == set(APPS)


def test_the_rules_see_a_forbidden_import(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("from desk.admin import x\nimport search.engine\n")
    assert imported_apps(module) == {"desk", "search"}


def test_migrations_run_no_live_code():
    """A migration that imported today's code would build yesterday's step with
    today's SQL: migrations import only Django."""
    wrong = []
    for path in sorted(ROOT.glob("*/migrations/0*.py")):
        if imported := imported_apps(path):
            wrong.append(f"{path.relative_to(ROOT)} imports {sorted(imported)}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_modules_load_without_django(module):
    check = (
        f"import sys, {module}; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'django'); "
        "print(loaded); sys.exit(bool(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
