"""Import speed: 1,000 generated seed-format files, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/import_speed.py            # both databases
    .venv/bin/python benchmarks/import_speed.py --files 300 --database sqlite

Each database is a throwaway one (a temporary SQLite file; a fresh PostgreSQL database
on $BENCH_PG_URL's server, default postgres://postgres@127.0.0.1:5432) with the
fixtures loaded. The files are imported by `manage.py import_articles`, one transaction
per file, as an editor would run it, timed as a whole command (process start
included). Each figure is the median of three runs, each on fresh files, with one
process and with two worker processes (`--jobs 2`). Then the SQL queries one import makes are counted, with the fixtures'
sources and with 2,000 sources in the database, to show the count does not grow with
them.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def generate(count: int, start: int = 0) -> list[tuple[str, bytes]]:
    """Return ``count`` distinct seed-format files built from the seed and test corpus."""
    from ingest.importer import Figure, parse, render

    corpus = sorted((ROOT / "ingest/tests/data/seedlike").glob("*.txt"))
    corpus.insert(0, ROOT / "seeds/000_4f78182034c9b7d2.txt")
    pieces = [parse(p.read_bytes()) for p in corpus]
    credits = ["رويترز", "الجزيرة", "الأناضول", "غيتي", "رويترز-أرشيف", "وكالة جديدة"]
    files = []
    for n in range(start, start + count):
        piece = pieces[n % len(pieces)]
        piece.headline = f"{piece.headline.split(' — ')[0]} — {n}"
        piece.blocks = [
            Figure(b.alt, b.caption, credits[(n + i) % len(credits)], b.line)
            if isinstance(b, Figure)
            else b
            for i, b in enumerate(piece.blocks)
        ]
        files.append((f"bench_{n:05d}.txt", render(piece).encode("utf-8")))
    return files


def count_queries(start: int) -> dict:
    """In this process: the queries of one import, with few and with many sources."""
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Source
    from ingest.services import article_import

    queries = {}
    for sources in (Source.objects.count(), 2000):
        Source.objects.bulk_create(
            Source(name=f"مصدر {i}", key=f"مصدر {i}", slug=f"src-{i}")
            for i in range(Source.objects.count(), sources)
        )
        ((name, data),) = generate(1, start=start + sources)
        with CaptureQueriesContext(connection) as captured:
            assert article_import(data, filename=name).status == "created"  # nosec B101 # a benchmark's sanity check
        queries[sources] = len(captured)
    return queries


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


def timed_rates(env, files: int, jobs: int, start: int, workdir: Path) -> list[float]:
    """Import ``files`` new files three times (fresh files each time, one command per
    run); return the three rates."""
    rates = []
    for run_number in range(3):
        folder = workdir / f"j{jobs}_{run_number}"
        folder.mkdir()
        for name, data in generate(files, start=start + run_number * files):
            (folder / name).write_bytes(data)
        started = time.perf_counter()
        manage(env, "import_articles", str(folder), "--jobs", str(jobs), "-v0")
        rates.append(files / (time.perf_counter() - started))
    return rates


def run(database: str, files: int) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
        "PYTHONPATH": str(ROOT),
    }
    cleanup = None
    workdir = Path(tempfile.mkdtemp())
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    else:
        server = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
        name = f"newsroom_bench_{os.getpid()}"
        subprocess.run(
            ["psql", f"{server}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True
        )
        env["DATABASE_URL"] = f"{server}/{name}"

        def cleanup():
            subprocess.run(
                [
                    "psql",
                    f"{server}/postgres",
                    "-qc",
                    f"DROP DATABASE {name} WITH (FORCE)",
                ],
                check=True,
            )

    try:
        manage(env, "migrate", "-v0")
        manage(env, "load_missing_fixtures", "-v0")
        result = {}
        for jobs in (1, 2):
            rates = timed_rates(env, files, jobs, start=jobs * 100_000, workdir=workdir)
            result[jobs] = [round(r, 1) for r in rates]
        out = subprocess.run(
            [sys.executable, __file__, "--count-queries"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result["queries"] = json.loads(out.strip().splitlines()[-1])
        return result
    except subprocess.CalledProcessError as error:
        sys.exit(f"{database} run failed:\n{error.stdout}\n{error.stderr}")
    finally:
        if cleanup:
            cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument(
        "--database", choices=["sqlite", "postgres", "both"], default="both"
    )
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        print(json.dumps(count_queries(start=900_000)))
        return
    # The generator parses the corpus, whose messages need settings (no database).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings_test")
    import django

    django.setup()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    print(
        f"Importing {args.files} generated seed-format files with manage.py import_articles"
    )
    print(
        f"{'database':<10} {'1 process':>10} {'2 workers':>10}   "
        "articles/s (median of 3 runs; the runs)   queries/article (sources → queries)"
    )
    for database in databases:
        r = run(database, args.files)
        q = ", ".join(f"{k} → {v}" for k, v in r["queries"].items())
        print(
            f"{database:<10} {statistics.median(r[1]):>10} {statistics.median(r[2]):>10}   "
            f"{r[1]} / {r[2]}   {q}"
        )


if __name__ == "__main__":
    main()
