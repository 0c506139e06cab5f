"""Import speed: 1,000 generated seed-format files, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/import_speed.py            # both databases
    .venv/bin/python benchmarks/import_speed.py --files 200 --database sqlite

Each run uses a throwaway database (a temporary SQLite file; a fresh PostgreSQL database
on $BENCH_PG_URL's server, default postgres://postgres@127.0.0.1:5432), loads the
fixtures, then imports the files through the same service the command uses, one
transaction per file. Prints articles per second (median of three batches) and the
number of SQL queries per article, with 20 and with 2,000 sources in the database to show
the count does not grow with them.
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
    from articles.importer import Figure, parse, render

    corpus = sorted((ROOT / "articles/tests/data/seedlike").glob("*.txt"))
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


def run_one(files: int) -> dict:
    """Benchmark in this process against the database in DATABASE_URL."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Source
    from articles.services.importing import article_import

    call_command("migrate", verbosity=0)
    call_command("load_missing_fixtures", verbosity=0)
    batch = generate(files)
    third = len(batch) // 3
    rates = []
    for chunk in (batch[:third], batch[third : 2 * third], batch[2 * third :]):
        started = time.perf_counter()
        for name, data in chunk:
            result = article_import(data, filename=name)
            assert result.status == "created", result.message
        rates.append(len(chunk) / (time.perf_counter() - started))
    queries = {}
    for sources in (Source.objects.count(), 2000):
        Source.objects.bulk_create(
            Source(name=f"مصدر {i}", key=f"مصدر {i}", slug=f"src-{i}")
            for i in range(Source.objects.count(), sources)
        )
        ((name, data),) = generate(1, start=files + sources)
        with CaptureQueriesContext(connection) as captured:
            assert article_import(data, filename=name).status == "created"
        queries[sources] = len(captured)
    return {
        "articles_per_second": round(statistics.median(rates), 1),
        "batches": [round(r, 1) for r in rates],
        "queries_per_article": queries,
    }


def run_in_subprocess(database: str, files: int) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings_test"}
    cleanup = None
    if database == "sqlite":
        tmp = tempfile.mkdtemp()
        env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
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
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--files", str(files)],
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument(
        "--database", choices=["sqlite", "postgres", "both"], default="both"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.files)))
        return
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    print(f"Importing {args.files} generated seed-format files, one transaction each")
    print(
        f"{'database':<10} {'articles/s':>11}  {'batches':<24} queries/article (sources → queries)"
    )
    for database in databases:
        r = run_in_subprocess(database, args.files)
        q = ", ".join(f"{k} → {v}" for k, v in r["queries_per_article"].items())
        print(
            f"{database:<10} {r['articles_per_second']:>11}  {r['batches']!s:<24} {q}"
        )


if __name__ == "__main__":
    main()
