"""Test data and helpers shared by the importer tests (no tests here).

The dumps under ``data/`` are copies of the shared corpus, so the tests run on a clean
clone of the repository alone.
"""

import json
import re
from pathlib import Path

from ingest.importer import KnownCredits, ParsedPiece
from ingest.importer import parse as parse_any
from ingest.importer.decode import decode

DATA = Path(__file__).parent / "data"
SEEDLIKE = DATA / "seedlike"
TREC = DATA / "trec"
SEED = SEEDLIKE / "000_4f78182034c9b7d2.txt"


def seedlike_cases() -> list[Path]:
    """Return every seed-format dump that has its expected structure beside it."""
    return sorted(p for p in SEEDLIKE.glob("*.txt") if p.with_suffix(".json").exists())


def trec_files() -> list[Path]:
    return sorted(TREC.glob("*.txt"))


def fold(text):
    return " ".join(text.split()) if isinstance(text, str) else text


def comparable(structure: dict) -> dict:
    """Return headline, blocks and sources as the project's scoring compares them:
    white space folded, sources sorted, extra keys ignored."""
    blocks = []
    for block in structure.get("blocks", []):
        if block["type"] == "figure":
            blocks.append(
                (
                    "figure",
                    fold(block.get("alt")) or None,
                    fold(block["caption"]),
                    fold(block.get("credit")) or None,
                )
            )
        else:
            blocks.append((block["type"], fold(block["text"])))
    return {
        "headline": fold(structure["headline"]),
        "blocks": blocks,
        "sources": sorted(fold(s) for s in structure.get("sources", [])),
    }


def expected(case: Path) -> dict:
    return comparable(json.loads(case.with_suffix(".json").read_text(encoding="utf-8")))


def dump(*blocks: str, headline="عنوان الخبر", source="المصدر : الجزيرة") -> bytes:
    """Return a seed-format dump (UTF-8): headline, blank line, the blocks separated
    by blank lines (a block may hold several lines), then the source line."""
    parts = [headline, *blocks]
    if source is not None:
        parts.append(source)
    return ("\n\n".join(parts) + "\n").encode("utf-8")


# Realistic bits of text for hand-made dumps.
PARAGRAPH = (
    "وقال المتحدث باسم الوزارة إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة "
    "بحضور ممثلين عن جميع الأطراف المعنية."
)
PARAGRAPH_2 = (
    "وأضاف أن الحكومة تأمل في التوصل إلى اتفاق نهائي قبل نهاية العام الجاري، "
    "مشيرا إلى أن الخلافات ما زالت قائمة حول عدد من النقاط."
)
CAPTION = "مدينة بنغازي ما زالت تشهد قتالا بين قوات حفتر ومقاتلي مجلس شورى الثوار"
ALT = 'قوات "شورى ثوار بنغازي" تسيطر على معسكر الدفاع الجوي'


def fixture_names() -> tuple[str, ...]:
    """The names a newsroom knows once ``make run`` has loaded fixtures/sources.json:
    its confirmed sources' names and their other spellings."""
    fixtures = Path(__file__).resolve().parents[2] / "fixtures" / "sources.json"
    names = []
    for row in json.loads(fixtures.read_text(encoding="utf-8")):
        fields = row["fields"]
        if (
            row["model"] == "articles.source" and fields.get("is_confirmed", True)
        ) or row["model"] == "articles.sourcealias":
            names.append(fields["name"])
    return tuple(names)


FIXTURE_NAMES = fixture_names()
KNOWN = KnownCredits(FIXTURE_NAMES)


def parse(data, **options):
    """``parse`` as the import does it in a newsroom with the default sources."""
    options.setdefault("known_credits", KNOWN)
    return parse_any(data, **options)


def with_credits(data: bytes, structure: dict, credits, *, glued=None):
    """Return a corpus dump (decoded as the importer decodes it) with each figure's
    ``(credit)`` replaced by the next of ``credits``, and its expected blocks with the
    new credits. ``glued`` (an iterator of booleans) says, figure by figure, whether
    the new credit is glued to the caption's last word; spaced when not given."""
    text, _encoding = decode(data)
    blocks = []
    for block in structure["blocks"]:
        block = dict(block)
        if block["type"] == "figure" and block.get("credit"):
            new = next(credits)
            space = "" if glued is not None and next(glued) else " "
            caption = r"\s+".join(map(re.escape, block["caption"].split()))
            pattern = rf"({caption})\s*\({re.escape(block['credit'])}\)"
            tail = f"{space}({new})"
            text, count = re.subn(
                pattern, lambda found, tail=tail: found[1] + tail, text
            )
            if count:
                block["credit"] = new
        blocks.append(block)
    return text, {**structure, "blocks": blocks}


def codes(piece: ParsedPiece) -> list[tuple[int | None, str]]:
    """The line and code of each of ``piece``'s warnings."""
    return [(w.line, w.code) for w in piece.warnings]
