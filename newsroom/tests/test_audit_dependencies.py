"""scripts/audit_dependencies.py: a known vulnerability fails, and packages the
vulnerability service could not answer for are never a silent pass."""

import importlib.util
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

CLEAN = {"name": "django", "version": "6.1.3", "vulns": []}
VULNERABLE = {
    "name": "django",
    "version": "4.2.0",
    "vulns": [{"id": "PYSEC-2023-61", "fix_versions": ["4.2.1"], "aliases": []}],
}
UNAUDITED = {
    "name": "django",
    "skip_reason": "Dependency not found on PyPI and could not be audited: django",
}


def test_every_package_audited_and_clean_passes():
    status, lines = audit.verdict({"dependencies": [CLEAN]}, required=True)
    assert status == audit.AUDITED
    assert lines == ["pip-audit: 1 packages audited, no known vulnerabilities."]


def test_a_known_vulnerability_fails_naming_the_fix():
    status, lines = audit.verdict(
        {"dependencies": [VULNERABLE, UNAUDITED]}, required=False
    )
    assert status == audit.VULNERABLE
    assert lines[0] == "VULNERABLE django 4.2.0: PYSEC-2023-61 (fixed in 4.2.1)"


def test_unaudited_packages_are_reported_loudly_not_passed():
    status, lines = audit.verdict({"dependencies": [CLEAN, UNAUDITED]}, required=False)
    assert status == audit.NOT_AUDITED != audit.AUDITED
    assert "PIP-AUDIT COULD NOT AUDIT 1 OF 2 PACKAGES:" in lines


def test_unaudited_packages_fail_where_the_audit_is_required():
    status, _lines = audit.verdict({"dependencies": [UNAUDITED]}, required=True)
    assert status == audit.VULNERABLE
