"""Figures whose credits no list knows: are they still read as figures?

    .venv/bin/python benchmarks/unseen_credits.py [FOLDER ...] [--trec FOLDER]

Takes every seed-format dump with its expected structure beside it (``NAME.txt`` and
``NAME.json``) in the folders given, by default ingest/tests/data/seedlike and the
shared corpus when present (``../shared/corpus/seedlike`` beside the checkout, or
``/work/shared/corpus/seedlike``); a dump met twice is counted once. Writes each again
(decoded as the importer decodes it) with every figure's credit replaced by one drawn
from credits the parser is not given: photographers (``تصوير: …``), national agencies,
archives, social networks, ``photographer/agency``. Parses each new dump with no known
credit at all (the hardest case: a newsroom whose sources table is empty; the parser
keeps no list of its own, and the national agencies among these, قنا or واس, are default
sources of fixtures/sources.json that the benchmark does not pass), and prints how many figures were recognised and how many paragraphs were
turned into figures, against the expected structure. Deterministic: the credits are
assigned in turn, not at random.

The importer's tests run the same rewriting with other credits (``ingest/tests``), so
that the parser is not tuned to this list alone.

Then, for real running text, takes the TREC archive files of ``--trec`` (by default
the shared corpus's ``real/ant_trec_xml`` when present): each document's paragraphs
laid out as a seed-format dump, with no figure at all, parsed with no known credit;
every figure found there is a paragraph turned into a figure.
"""

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.importer import Figure, Paragraph, ParseError, parse  # noqa: E402
from ingest.tests.importer_cases import with_credits  # noqa: E402

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
SHARED = [ROOT.parent / "shared/corpus", Path("/work/shared/corpus")]
DEFAULT_FOLDERS = [
    ROOT / "ingest/tests/data/seedlike",
    *(shared / "seedlike" for shared in SHARED),
]
DEFAULT_TREC = [shared / "real/ant_trec_xml" for shared in SHARED]


def cases(folders):
    seen = set()
    for folder in folders:
        for dump in sorted(Path(folder).glob("*.txt")):
            expected = dump.with_suffix(".json")
            if expected.exists() and dump.read_bytes() not in seen:
                seen.add(dump.read_bytes())
                yield dump, json.loads(expected.read_text(encoding="utf-8"))


def fold(text: str) -> str:
    return " ".join(text.split())


def figures(folders) -> None:
    credits = itertools.cycle(UNSEEN_CREDITS)
    figures = recognised = paragraphs = turned = dumps = 0
    misses = []
    for path, expected in cases(folders):
        text, expected = with_credits(path.read_bytes(), expected, credits)
        piece = parse(text.encode("utf-8"))
        dumps += 1
        got_figures = {
            (fold(b.caption), b.credit and fold(b.credit))
            for b in piece.blocks
            if isinstance(b, Figure)
        }
        got_paragraphs = {
            fold(b.text) for b in piece.blocks if isinstance(b, Paragraph)
        }
        got_captions = {caption for caption, _credit in got_figures}
        for block in expected["blocks"]:
            if block["type"] == "figure":
                figures += 1
                credit = block["credit"] and fold(block["credit"])
                if (fold(block["caption"]), credit) in got_figures:
                    recognised += 1
                else:
                    misses.append((path.name, block["caption"][:60]))
            elif block["type"] == "paragraph":
                paragraphs += 1
                text = fold(block["text"])
                before = text.rsplit("(", 1)[0].strip() if text.endswith(")") else None
                if text not in got_paragraphs and before in got_captions:
                    turned += 1
                    misses.append((path.name, "paragraph read as figure: " + text[:50]))
    if not figures:
        sys.exit("no dumps with expected structures found")
    print("| dumps | figures recognised | paragraphs read as figures |")
    print("|---|---|---|")
    print(
        f"| {dumps} | {recognised} of {figures} ({100 * recognised / figures:.1f} %) "
        f"| {turned} of {paragraphs} |"
    )
    for name, caption in misses[:20]:
        print(f"missed: {name}: {caption}")


def real_paragraphs(folder) -> None:
    documents = paragraphs = parenthesis = turned = 0
    for path in sorted(Path(folder).glob("*.txt")):
        try:
            piece = parse(path.read_bytes())
        except ParseError:
            continue
        texts = [b.text for b in piece.blocks if isinstance(b, Paragraph)]
        if not texts:
            continue
        documents += 1
        paragraphs += len(texts)
        parenthesis += sum(1 for text in texts if text.endswith(")"))
        dump = "\n\n".join([piece.headline, *texts, "المصدر : وكالات"])
        for block in parse(dump.encode("utf-8")).blocks:
            if isinstance(block, Figure):
                turned += 1
                print(f"paragraph read as figure: {path.name}: {block.caption[-50:]}")
    print()
    print("| real documents | paragraphs (ending in a parenthesis) | read as figures |")
    print("|---|---|---|")
    print(f"| {documents} | {paragraphs} ({parenthesis}) | {turned} |")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("folders", nargs="*", type=Path)
    options.add_argument("--trec", type=Path)
    args = options.parse_args()
    figures(args.folders or [f for f in DEFAULT_FOLDERS if f.is_dir()])
    trec = args.trec or next((f for f in DEFAULT_TREC if f.is_dir()), None)
    if trec:
        real_paragraphs(trec)


if __name__ == "__main__":
    main()
