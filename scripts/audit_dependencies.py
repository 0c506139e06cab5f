#!/usr/bin/env python3
"""Audit requirements.txt (and everything it pulls in) for known vulnerabilities with
pip-audit, and never pass in silence.

pip-audit asks a vulnerability service about each package: PyPI's JSON API by default
(``NEWSROOM_PIP_AUDIT_SERVICE=osv`` for osv.dev). When the service cannot answer for a
package, pip-audit lists it as "could not be audited" and still says "No known
vulnerabilities found" with exit status 0: where PyPI's per-release JSON API is not
reachable (as on the machines this project is built on, which reach PyPI's package
index only), an audit of Django 4.2.0 passes that way. This script counts those
packages and says so loudly.

Exit status: 0 every package audited and none vulnerable; 1 a known vulnerability, or
pip-audit failed, or packages went unaudited while ``NEWSROOM_REQUIRE_PIP_AUDIT`` is
set; 3 packages went unaudited (a loud warning, not a pass: set
``NEWSROOM_REQUIRE_PIP_AUDIT=1`` where the service is reachable to make it a failure).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDITED, VULNERABLE, NOT_AUDITED = 0, 1, 3


def verdict(report: dict, *, required: bool) -> tuple[int, list[str]]:
    """The exit status for pip-audit's JSON ``report``, and the lines to print."""
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    lines = []
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release"
            lines.append(
                f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} "
                f"(fixed in {fixed})"
            )
    if vulnerable:
        lines.append(
            f"pip-audit: {len(vulnerable)} packages with known vulnerabilities."
        )
        return VULNERABLE, lines
    if skipped:
        lines += [
            "=" * 78,
            f"PIP-AUDIT COULD NOT AUDIT {len(skipped)} OF {len(dependencies)} PACKAGES:",
            "their known vulnerabilities were NOT checked. The vulnerability service",
            "did not answer for them; first reason given:",
            f"  {skipped[0]['skip_reason']}",
            "Run `python scripts/audit_dependencies.py` where PyPI's JSON API (or",
            "osv.dev, NEWSROOM_PIP_AUDIT_SERVICE=osv) is reachable, with",
            "NEWSROOM_REQUIRE_PIP_AUDIT=1 so that an unaudited package fails.",
            "=" * 78,
        ]
        return (VULNERABLE if required else NOT_AUDITED), lines
    lines.append(
        f"pip-audit: {len(dependencies)} packages audited, no known vulnerabilities."
    )
    return AUDITED, lines


def main() -> int:
    service = os.environ.get("NEWSROOM_PIP_AUDIT_SERVICE", "pypi")
    required = bool(os.environ.get("NEWSROOM_REQUIRE_PIP_AUDIT"))
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--requirement",
        str(ROOT / "requirements.txt"),
        "--vulnerability-service",
        service,
        "--format",
        "json",
        "--progress-spinner",
        "off",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        report = json.loads(result.stdout)
    except ValueError:
        sys.stderr.write(result.stderr[-4000:])
        print(f"pip-audit failed (exit status {result.returncode}).", file=sys.stderr)
        return VULNERABLE
    status, lines = verdict(report, required=required)
    stream = sys.stdout if status == AUDITED else sys.stderr
    for line in lines:
        print(line, file=stream)
    return status


if __name__ == "__main__":
    sys.exit(main())
