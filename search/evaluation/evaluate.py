"""Import the judged corpus, run the judged queries, compute recall@10 and MRR."""

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models.functions import Coalesce, Now

from articles.models import Article
from ingest.importer import parse
from ingest.services import article_import
from search.engine import PG_RANK, PG_WEIGHTS, SearchResults

ROOT = Path(settings.BASE_DIR)
JUDGED = Path(__file__).with_name("judged.toml")
K = 10


@dataclass(frozen=True)
class Judged:
    """One judged query: the text typed, its variant class, the documents (corpus ids)
    that must be found, and the patterns over the original text defining them."""

    q: str
    kind: str
    relevant: tuple[str, ...]
    match: tuple[str, ...]
    note: str = ""


def load(path: Path = JUDGED) -> tuple[list[Path], list[Judged]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    folders = [ROOT / folder for folder in data["corpus"]["folders"]]
    queries = [
        Judged(
            q=item["q"],
            kind=item["class"],
            relevant=tuple(item["relevant"]),
            match=tuple(item["match"]),
            note=item.get("note", ""),
        )
        for item in data["query"]
    ]
    return folders, queries


def corpus_files(folders: list[Path]) -> dict[str, Path]:
    """Return the corpus as {id: path}; an id is ``<folder name>/<file stem>``."""
    return {
        f"{folder.name}/{path.stem}": path
        for folder in folders
        for path in sorted(folder.glob("*.txt"))
    }


def piece_text(path: Path) -> str:
    """The text of a raw piece a reader can search: headline, standfirst, body blocks
    and captions, as written."""
    piece = parse(path.read_bytes(), filename=path.name)
    parts = [piece.headline, piece.standfirst or ""]
    for block in piece.blocks:
        parts.append(getattr(block, "caption", None) or getattr(block, "text", ""))
    return "\n".join(part for part in parts if part)


def oracle(files: dict[str, Path], match: tuple[str, ...]) -> list[str]:
    """The corpus ids whose original text matches every pattern of ``match``."""
    patterns = [re.compile(pattern) for pattern in match]
    return [
        doc
        for doc, path in files.items()
        if all(pattern.search(_text(path)) for pattern in patterns)
    ]


_TEXTS: dict[Path, str] = {}


def _text(path: Path) -> str:
    if path not in _TEXTS:
        _TEXTS[path] = piece_text(path)
    return _TEXTS[path]


def import_corpus(files: dict[str, Path]) -> dict[str, int]:
    """Import every corpus file and publish it; return {id: article id}. The same
    piece in two files maps to one article. The articles are published directly, not
    through the desk's workflow (whose editorial checks hold back pieces without
    credits or alt text): the corpus is searched as a whole."""
    ids = {}
    for doc, path in files.items():
        result = article_import(path.read_bytes(), filename=path.name)
        if not result.ok:
            raise RuntimeError(f"{doc}: {result.message}")
        ids[doc] = result.article.pk
    Article.objects.filter(pk__in=ids.values()).update(
        status=Article.Status.PUBLISHED, published_at=Coalesce("published_at", Now())
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum would, after an import
            cursor.execute("ANALYZE articles_article")
    return ids


def ours(q: str) -> list[int]:
    """The first page of our search, as the search page gets it."""
    return [article.pk for article in SearchResults(Article.objects.published(), q)[:K]]


# PostgreSQL's own Arabic configuration over the original text, with the same weights
# and ranking function as ours: headline A, standfirst and captions B, body C.
_ARABIC_SQL = """
WITH docs AS (
  SELECT a.id, a.published_at,
    setweight(to_tsvector('arabic', a.headline), 'A')
    || setweight(to_tsvector('arabic', a.standfirst || ' ' || coalesce((
         SELECT string_agg(c.text, ' ') FROM articles_caption c
         WHERE c.article_id = a.id), '')), 'B')
    || setweight(to_tsvector('arabic', a.body), 'C') AS vector
  FROM articles_article a
  WHERE a.status = 'published'
)
SELECT id FROM docs, websearch_to_tsquery('arabic', %s) AS q
WHERE vector @@ q
ORDER BY {rank}(%s::float4[], vector, q) DESC, published_at DESC, id DESC
LIMIT %s
"""


def pg_arabic(q: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(_ARABIC_SQL.format(rank=PG_RANK), [q, PG_WEIGHTS, K])
        return [row[0] for row in cursor.fetchall()]


def scores(ranked: list[int], relevant: set[int]) -> tuple[float, float]:
    """Capped recall@10 (found / min(relevant, 10), so a query with more than ten
    relevant articles scores 1.0 when the first ten are all relevant) and reciprocal
    rank of one query."""
    top = ranked[:K]
    recall = len(relevant.intersection(top)) / min(len(relevant), K)
    rank = next((n for n, pk in enumerate(top, 1) if pk in relevant), None)
    return recall, (1 / rank if rank else 0.0)


SYSTEMS = {"arabic": pg_arabic, "ours": ours}


def evaluate(queries: list[Judged], ids: dict[str, int], systems=None) -> dict:
    """Return {system: {"queries": [(judged, recall, rr, ranked)], "classes":
    {class: (n, recall, mrr)}, "all": (n, recall, mrr)}}."""
    systems = systems or {"ours": ours}
    report = {}
    for name, run in systems.items():
        rows = []
        for judged in queries:
            relevant = {ids[doc] for doc in judged.relevant}
            ranked = run(judged.q)
            recall, rr = scores(ranked, relevant)
            rows.append((judged, recall, rr, ranked))
        by_class = defaultdict(list)
        for row in rows:
            by_class[row[0].kind].append(row)
        report[name] = {
            "queries": rows,
            "classes": {kind: _mean(items) for kind, items in by_class.items()},
            "all": _mean(rows),
        }
    return report


def _mean(rows) -> tuple[int, float, float]:
    n = len(rows)
    return n, sum(r[1] for r in rows) / n, sum(r[2] for r in rows) / n


def table(report: dict, systems: list[str]) -> str:
    """A Markdown table: per class, recall@10 and MRR of each system."""
    first = report[systems[0]]
    head = "| class | queries | " + " | ".join(
        f"{name} recall@10 | {name} MRR" for name in systems
    )
    lines = [head + " |", "|---" * (2 + 2 * len(systems)) + "|"]
    for kind in [*first["classes"], "all"]:
        cells = []
        for name in systems:
            n, recall, mrr = (
                report[name]["all"] if kind == "all" else report[name]["classes"][kind]
            )
            cells += [f"{recall:.3f}", f"{mrr:.3f}"]
        label = "**all**" if kind == "all" else kind
        lines.append(f"| {label} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
