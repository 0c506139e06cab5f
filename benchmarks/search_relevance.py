"""Search relevance on the judged set: recall@10 and MRR, per variant class.

    .venv/bin/python benchmarks/search_relevance.py              # PostgreSQL and SQLite
    .venv/bin/python benchmarks/search_relevance.py --queries    # and every query

Imports the judged corpus (search/evaluation/judged.toml) into a throwaway PostgreSQL
database on $BENCH_PG_URL's server (default postgres://postgres@127.0.0.1:5432) and a
temporary SQLite file, runs every judged query through

- (a) PostgreSQL's own ``arabic`` configuration over the original text (the same
  weights, headline A, standfirst and captions B, body C, and the same ranking), read
  with ``websearch_to_tsquery``;
- (b) our pipeline on PostgreSQL, and (b') on SQLite, as the search page gets it;

and prints recall@10 (capped: found / min(relevant, 10)) and MRR side by side, per
variant class, as the Markdown table in the README.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(systems: list[str]) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    from search.evaluation import evaluate

    call_command("migrate", verbosity=0)
    folders, queries = evaluate.load()
    ids = evaluate.import_corpus(evaluate.corpus_files(folders))
    chosen = {name: evaluate.SYSTEMS[name] for name in systems}
    report = evaluate.evaluate(queries, ids, chosen)
    return {
        name: {
            "classes": result["classes"],
            "all": result["all"],
            "queries": [
                (judged.kind, judged.q, recall, rr)
                for judged, recall, rr, _ranked in result["queries"]
            ],
        }
        for name, result in report.items()
    }


def in_subprocess(database: str, systems: list[str]) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings_test"}
    cleanup = None
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/relevance.sqlite3"
    else:
        server = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
        name = f"newsroom_search_relevance_{os.getpid()}"
        psql = ["psql", "-q", f"{server}/postgres", "-c"]
        subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True)
        env["DATABASE_URL"] = f"{server}/{name}"

        def cleanup():
            subprocess.run([*psql, f"DROP DATABASE {name} WITH (FORCE)"], check=True)

    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", *systems],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except subprocess.CalledProcessError as error:
        sys.exit(f"{database} run failed:\n{error.stderr}")
    finally:
        if cleanup:
            cleanup()
    return json.loads(out.strip().splitlines()[-1])


COLUMNS = [
    ("postgresql", "arabic", "PostgreSQL `arabic`"),
    ("postgresql", "ours", "ours, PostgreSQL"),
    ("sqlite", "ours", "ours, SQLite"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", action="store_true", help="Print every query.")
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run(args.child), ensure_ascii=False))
        return
    results = {
        "postgresql": in_subprocess("postgresql", ["arabic", "ours"]),
        "sqlite": in_subprocess("sqlite", ["ours"]),
    }
    first = results["postgresql"]["arabic"]
    head = " | ".join(f"{label} recall@10 | {label} MRR" for _d, _s, label in COLUMNS)
    print(f"| class | queries | {head} |")
    print("|---" * (2 + 2 * len(COLUMNS)) + "|")
    for kind in [*first["classes"], "all"]:
        cells = []
        for database, system, _label in COLUMNS:
            result = results[database][system]
            n, recall, mrr = result["all"] if kind == "all" else result["classes"][kind]
            cells += [f"{recall:.3f}", f"{mrr:.3f}"]
        label = "**all**" if kind == "all" else kind
        print(f"| {label} | {n} | " + " | ".join(cells) + " |")
    if args.queries:
        print()
        rows = zip(*(results[d][s]["queries"] for d, s, _label in COLUMNS), strict=True)
        for row in rows:
            kind, q = row[0][0], row[0][1]
            scores = "  ".join(f"{recall:.2f}/{rr:.2f}" for *_x, recall, rr in row)
            print(f"{kind:9} {q:24} {scores}")


if __name__ == "__main__":
    main()
