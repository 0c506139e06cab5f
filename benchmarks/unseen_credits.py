"""Figures whose credits no list knows: are they still read as figures?

    .venv/bin/python benchmarks/unseen_credits.py

Takes every seed-format dump of the corpus with its expected structure
(ingest/tests/data/seedlike, and ../shared/corpus/seedlike when present), and writes
each again with every figure's credit replaced by one drawn from credits outside any
list the project ships: photographers (``تصوير: …``), national agencies, archives,
social networks, ``photographer/agency``. Parses each new dump with no known credit at
all (the hardest case: a newsroom whose sources table is empty), and prints how many
figures were recognised and how many paragraphs were turned into figures, against the
expected structure. Deterministic: the credits are assigned in turn, not at random.
"""

import itertools
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.importer import Figure, Paragraph, parse  # noqa: E402

UNSEEN_CREDITS = [
    "تصوير: علي كريم",
    "قنا",
    "وام",
    "سبأ",
    "بترا",
    "كونا",
    "واس",
    "أرشيف",
    "مواقع التواصل الاجتماعي",
    "تويتر",
    "علي كريم/رويترز",
    "تصوير: سارة منصور/الأناضول",
    "وكالة الأنباء العمانية",
    "المكتب الإعلامي",
    "يونيسف",
    "Shutterstock",
]
FOLDERS = [
    ROOT / "ingest/tests/data/seedlike",
    ROOT.parent / "shared/corpus/seedlike",
]


def cases():
    seen = set()
    for folder in FOLDERS:
        for dump in sorted(folder.glob("*.txt")):
            expected = dump.with_suffix(".json")
            if expected.exists() and dump.read_bytes() not in seen:
                seen.add(dump.read_bytes())
                yield dump, json.loads(expected.read_text(encoding="utf-8"))


def with_unseen_credits(text: str, expected: dict, credits) -> tuple[str, list]:
    """The dump with each expected figure's ``(credit)`` replaced, and the expected
    blocks with the new credits."""
    blocks = []
    for block in expected["blocks"]:
        block = dict(block)
        if block["type"] == "figure" and block.get("credit"):
            new = next(credits)
            pattern = (
                re.escape(block["caption"])
                + r"\s*\("
                + re.escape(block["credit"])
                + r"\)"
            )
            text, count = re.subn(pattern, f"{block['caption']} ({new})", text)
            if count:
                block["credit"] = new
        blocks.append(block)
    return text, blocks


def main() -> None:
    credits = itertools.cycle(UNSEEN_CREDITS)
    figures = recognised = paragraphs = turned = dumps = 0
    misses = []
    for path, expected in cases():
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        text, blocks = with_unseen_credits(text, expected, credits)
        piece = parse(text.encode("utf-8"))
        dumps += 1
        got_figures = {
            " ".join(b.caption.split()) for b in piece.blocks if isinstance(b, Figure)
        }
        got_paragraphs = {
            " ".join(b.text.split()) for b in piece.blocks if isinstance(b, Paragraph)
        }
        for block in blocks:
            if block["type"] == "figure":
                figures += 1
                if " ".join(block["caption"].split()) in got_figures:
                    recognised += 1
                else:
                    misses.append((path.name, block["caption"][:60]))
            elif block["type"] == "paragraph":
                paragraphs += 1
        for block in blocks:
            if block["type"] != "paragraph":
                continue
            text = " ".join(block["text"].split())
            before = text.rsplit("(", 1)[0].strip() if text.endswith(")") else None
            if text not in got_paragraphs and before in got_figures:
                turned += 1
                misses.append((path.name, "paragraph read as figure: " + text[:50]))
    print("| dumps | figures recognised | paragraphs read as figures |")
    print("|---|---|---|")
    print(
        f"| {dumps} | {recognised} of {figures} ({100 * recognised / figures:.1f} %) "
        f"| {turned} of {paragraphs} |"
    )
    for name, caption in misses[:20]:
        print(f"missed: {name}: {caption}")


if __name__ == "__main__":
    main()
