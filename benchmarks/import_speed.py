"""Import speed: 1,000 generated seed-format files, on SQLite and on PostgreSQL,
against a plain loop of single-row inserts writing the same rows, in the same run.

    .venv/bin/python benchmarks/import_speed.py            # both databases
    .venv/bin/python benchmarks/import_speed.py --files 300 --database sqlite
    .venv/bin/python benchmarks/import_speed.py --archive 100000 --database sqlite

Each database is a throwaway one (a temporary SQLite file; a fresh PostgreSQL database
on $BENCH_PG_URL's server, default postgres://postgres@127.0.0.1:5432) with the
fixtures loaded. Our import is `manage.py import_articles` as an operator runs it
(with and without `--publish`, in one process and with `--jobs 2`), timed as a whole
command, process start included. The reference is a loop in a process of its own that
writes the same rows with one single-row INSERT each, in one transaction per article as
the import has one per file (an article, its source link, two images, two figures): no parsing, no checks, no revisions, no signals;
its pieces parsed and their derived columns (slug, search keys, rendered body) computed
before the clock starts, and the process start not counted. Every figure is the median of three runs, each on fresh files; the
ratio is ours over the loop's. Then the SQL queries one single-file import makes are
counted, with the fixtures' sources and with 2,000 sources in the database, to show
the count does not grow with them.

`--archive N` instead imports N files from one zip with `--publish`, and reports the
time, the rate and the peak memory (RSS) of the command.
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


def write_files(folder: Path, files: int, start: int) -> Path:
    folder.mkdir()
    for name, data in generate(files, start=start):
        (folder / name).write_bytes(data)
    return folder


def import_rate(env, folder: Path, files: int, jobs: int, publish: bool) -> float:
    args = ["import_articles", str(folder), "--jobs", str(jobs), "-v0"]
    if publish:
        args += ["--publish", "--user", "bench"]
    started = time.perf_counter()
    manage(env, *args)
    return files / (time.perf_counter() - started)


def insert(instance) -> None:
    """One single-row INSERT of ``instance``, as ``save()`` ends by doing, without
    its derived columns, signals or extra reads; sets the new primary key."""
    model = type(instance)
    fields = [f for f in model._meta.local_concrete_fields if not f.generated]
    if instance.pk is None:
        fields = [f for f in fields if f is not model._meta.auto_field]
    returning = model._meta.db_returning_fields
    (row,) = model._base_manager._insert(
        [instance], fields=fields, returning_fields=returning, using="default"
    )
    for value, field in zip(row, returning, strict=True):
        setattr(instance, field.attname, value)


def plain_loop(folder: Path) -> float:
    """In this process (Django set up by the caller): write the rows of every piece
    in ``folder`` with one single-row INSERT each, a transaction per article; return
    articles/s.
    Everything derived (slug, search keys, rendered body) is computed before the
    clock starts, so the rows are the import's rows and the loop only writes."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from articles.models import Article, Caption, Image, Source
    from articles.search_keys import fill_caption_key
    from ingest.importer import Figure, parse
    from ingest.services import piece_body

    user = get_user_model().objects.get(username="bench")
    source = Source.objects.order_by("pk").first()
    link = Article.sources.through
    rows = []
    for path in sorted(folder.iterdir()):
        piece = parse(path.read_bytes())
        article = Article(
            headline=piece.headline,
            standfirst=piece.standfirst or "",
            body=piece_body(piece),
            import_filename=path.name,
            created_by=user,
        )
        article.fill_derived()
        figures = []
        for number, figure in enumerate(
            (block for block in piece.blocks if isinstance(block, Figure)), 1
        ):
            caption = Caption(text=figure.caption, credit=source, position=number)
            fill_caption_key(caption)
            figures.append((figure.alt or "", caption))
        rows.append((article, figures))
    started = time.perf_counter()
    for article, figures in rows:
        with transaction.atomic():  # one per article, as the import has one per file
            insert(article)
            insert(link(article=article, source=source))
            for alt, caption in figures:
                image = Image(alt_text=alt, credit=source, uploaded_by=user)
                insert(image)
                caption.article, caption.image = article, image
                insert(caption)
    return len(rows) / (time.perf_counter() - started)


CONFIGS = [
    ("1 process, --publish", 1, True),
    ("1 process", 1, False),
    ("--jobs 2, --publish", 2, True),
    ("--jobs 2", 2, False),
]


def throwaway_database(database: str, workdir: Path):
    """Return (DATABASE_URL, cleanup) for a fresh database."""
    if database == "sqlite":
        return f"sqlite:///{workdir}/bench.sqlite3", None
    server = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    name = f"newsroom_bench_{os.getpid()}"
    subprocess.run(
        ["psql", f"{server}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True
    )

    def cleanup():
        subprocess.run(
            ["psql", f"{server}/postgres", "-qc", f"DROP DATABASE {name} WITH (FORCE)"],
            check=True,
        )

    return f"{server}/{name}", cleanup


def bench_env(url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": url,
    }


def prepare(env) -> None:
    manage(env, "migrate", "-v0")
    manage(env, "load_missing_fixtures", "-v0")
    manage(
        env,
        "shell",
        "-c",
        "from articles.tests.factories import editor; editor('bench')",
    )


def run(database: str, files: int) -> dict:
    workdir = Path(tempfile.mkdtemp())
    url, cleanup = throwaway_database(database, workdir)
    env = bench_env(url)
    try:
        prepare(env)
        rates = {label: [] for label, *_ in CONFIGS}
        rates["plain insert loop"] = []
        start = 0
        for round_number in range(3):
            # Interleaved, so that a busy moment of the machine hits every line.
            for label, jobs, publish in CONFIGS:
                start += files
                folder = write_files(workdir / f"{round_number}-{start}", files, start)
                rates[label].append(import_rate(env, folder, files, jobs, publish))
            start += files
            folder = write_files(workdir / f"plain-{start}", files, start)
            out = subprocess.run(
                [sys.executable, __file__, "--plain-loop", str(folder)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            rates["plain insert loop"].append(float(out.strip().splitlines()[-1]))
        out = subprocess.run(
            [sys.executable, __file__, "--count-queries"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return {"rates": rates, "queries": json.loads(out.strip().splitlines()[-1])}
    except subprocess.CalledProcessError as error:
        sys.exit(f"{database} run failed:\n{error.stdout}\n{error.stderr}")
    finally:
        if cleanup:
            cleanup()


def archive(database: str, files: int) -> None:
    """Import ``files`` generated pieces from one zip with --publish; print the time,
    the rate and the command's peak RSS."""
    import resource
    import zipfile

    workdir = Path(tempfile.mkdtemp())
    url, cleanup = throwaway_database(database, workdir)
    env = bench_env(url)
    try:
        prepare(env)
        bundle = workdir / "archive.zip"
        with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as out:
            for first in range(0, files, 1000):
                for name, data in generate(min(1000, files - first), start=first):
                    out.writestr(name, data)
        started = time.perf_counter()
        manage(env, "import_articles", str(bundle), "--publish", "--user", "bench")
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"{database}: {files:,} files in {elapsed / 60:.1f} min "
            f"({files / elapsed:.0f} articles/s), peak RSS {peak:.0f} MB"
        )
    finally:
        if cleanup:
            cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument(
        "--database", choices=["sqlite", "postgres", "both"], default="both"
    )
    parser.add_argument("--archive", type=int, metavar="N")
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--plain-loop", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries or args.plain_loop:
        import django

        django.setup()
        if args.plain_loop:
            print(plain_loop(Path(args.plain_loop)))
        else:
            print(json.dumps(count_queries(start=900_000)))
        return
    # The generator parses the corpus, whose messages need settings (no database).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings_test")
    import django

    django.setup()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    if args.archive:
        for database in databases:
            archive(database, args.archive)
        return
    print(
        f"{args.files:,} generated seed-format files; articles/s, median of 3 runs "
        "(the runs); ratio to the plain insert loop of the same run"
    )
    for database in databases:
        result = run(database, args.files)
        rates = result["rates"]
        plain = statistics.median(rates["plain insert loop"])
        print(f"\n{database}")
        print(f"| {'':<22} | articles/s | ratio | runs |")
        print("|---|---|---|---|")
        for label, runs in rates.items():
            median = statistics.median(runs)
            shown = ", ".join(f"{r:.0f}" for r in runs)
            print(
                f"| {label:<22} | {median:>10.0f} | {median / plain:>5.2f} | {shown} |"
            )
        queries = ", ".join(f"{k} → {v}" for k, v in result["queries"].items())
        print(f"queries for one file (sources → queries): {queries}")


if __name__ == "__main__":
    main()
