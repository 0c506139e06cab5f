"""How far a long import has got (ingest.progress): plain lines without a terminal,
a summary with its time and rate."""

import io

import pytest

from ingest import progress
from ingest.progress import ImportProgress, duration


@pytest.mark.parametrize(
    "seconds, shown",
    [
        (0.04, "0.0 s"),
        (2.34, "2.3 s"),
        (42.4, "42 s"),
        (423, "7 min 3 s"),
        (7322, "2 h 2 min"),
    ],
)
def test_durations_read_as_an_operator_expects(seconds, shown):
    assert duration(seconds) == shown


def test_without_a_terminal_a_line_every_so_many_files(monkeypatch):
    monkeypatch.setattr(progress, "LINE_EVERY", 2)
    stream = io.StringIO()
    bar = ImportProgress(total=5, stream=stream)
    for _ in range(5):
        bar.advance()
    lines = stream.getvalue().splitlines()
    assert [line.split(",")[0] for line in lines] == [
        "2 of 5 files (40 %)",
        "4 of 5 files (80 %)",
    ]
    assert all("files/s, about" in line for line in lines)
    summary = bar.close()
    assert summary.startswith("in ") and summary.endswith(" files/s)")
    assert " 0 s " not in summary
