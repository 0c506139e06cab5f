"""Test data and helpers shared by the importer tests (no tests here).

The dumps under ``data/`` are copies of the shared corpus, so the tests run on a clean
clone of the repository alone.
"""

import json
from pathlib import Path

from ingest.importer import KnownCredits
from ingest.importer import parse as parse_any

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
