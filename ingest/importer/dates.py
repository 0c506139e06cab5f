"""Publication times as TREC archives write them.

Seen forms: RFC 2822 (``Fri, 06 Apr 2018 08:02:09 +0400``, ``... GMT``), ISO 8601
with an offset (``2017-02-10T09:18:00+01:00``), compact ISO without one
(``2017-01-22T185600``) and a bare day (``12/12/2013``, day first).
"""

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from articles.text import EASTERN_DIGITS
from ingest.importer.messages import _

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_COMPACT_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2})(\d{2})(\d{2})?$")


def parse_time(raw: str) -> tuple[datetime | None, str | None]:
    """Return ``(aware datetime or None, problem or None)`` for a TIME field. The
    problem is a short note for a warning, in the active language: no zone (UTC
    assumed), a bare day (midnight UTC assumed) or an unreadable value."""
    text = " ".join(raw.split()).translate(EASTERN_DIGITS)
    if not text:
        return None, None
    moment = _rfc2822(text) or _iso(text)
    if moment is None and (day := _DAY_FIRST.match(text)):
        moment = _day(int(day[3]), int(day[2]), int(day[1]))
        if moment is not None:
            problem = _("time '%(time)s' has no hour; midnight UTC assumed")
            return moment, problem % {"time": text}
    if moment is None:
        return None, _("time '%(time)s' could not be read") % {"time": text}
    if moment.tzinfo is None or moment.utcoffset() is None:
        problem = _("time '%(time)s' has no zone; UTC assumed") % {"time": text}
        return moment.replace(tzinfo=UTC), problem
    return moment, None


def _rfc2822(text: str) -> datetime | None:
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s", text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _iso(text: str) -> datetime | None:
    compact = _COMPACT_TIME.match(text)
    if compact:
        text = f"{compact[1]}T{compact[2]}:{compact[3]}:{compact[4] or '00'}"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _day(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None
