"""scripts/scan_instance.py: a finding of medium severity or above in either of
wapiti's reports fails the scan; lesser ones are printed, and pass."""

import importlib.util
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "scan_instance.py"
spec = importlib.util.spec_from_file_location("scan_instance", SCRIPT)
scan = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scan)


def report(vulnerabilities=None, anomalies=None):
    """A report as wapiti 3.3 writes it in JSON (the parts the script reads)."""
    return {
        "vulnerabilities": {"Open Redirect": [], **(vulnerabilities or {})},
        "anomalies": {"Internal Server Error": [], **(anomalies or {})},
        "additionals": {"HTTP Methods": [{"level": 0, "info": "OPTIONS (200)"}]},
    }


def finding(level, path="/admin/login/", parameter=None, info="found"):
    return {
        "method": "POST",
        "path": path,
        "parameter": parameter,
        "info": info,
        "level": level,
        "module": "xss",
    }


def test_clean_reports_pass():
    status, lines = scan.verdict([report(), report()])
    assert status == 0
    assert lines == ["wapiti: 0 finding(s), 0 of medium severity or above"]


def test_low_findings_are_printed_and_pass():
    low = finding(1, path="/", info="X-Content-Type-Options is not set")
    status, lines = scan.verdict([report({"MIME Type Confusion": [low]})])
    assert status == 0
    assert lines[0] == (
        "     low  MIME Type Confusion: POST /: X-Content-Type-Options is not set"
    )


def test_a_medium_finding_in_either_report_fails_worst_first():
    xss = finding(2, parameter="next", info="XSS vulnerability")
    error = finding(3, path="/search/", parameter="q", info="The server answered 500")
    status, lines = scan.verdict(
        [
            report({"Reflected Cross Site Scripting": [xss]}),
            report(anomalies={"Internal Server Error": [error]}),
        ]
    )
    assert status == 1
    assert lines == [
        "    high  Internal Server Error: POST /search/ [q]: The server answered 500",
        "  medium  Reflected Cross Site Scripting: POST /admin/login/ [next]: "
        "XSS vulnerability",
        "wapiti: 2 finding(s), 2 of medium severity or above",
    ]
