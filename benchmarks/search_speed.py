"""Search speed on PostgreSQL: 100,000 articles made from the corpus text, 50 queries.

    .venv/bin/python benchmarks/search_speed.py
    .venv/bin/python benchmarks/search_speed.py --articles 20000 --keep

Creates a throwaway database on $BENCH_PG_URL's server (default
postgres://postgres@127.0.0.1:5432), migrates it, and generates the articles from the
paragraphs, headlines and captions of the seed, the seed-like pieces and the TREC
pieces in the repository: each article a real headline, three to nine real paragraphs
drawn at random, a caption for one in three, a source, a publication date within ten
years, nine in ten published. They are inserted with ``Article.objects.bulk_create``
(which fills the search keys as ``save()`` does) so the database triggers build each
index entry; only the word list for suggestions is filled once at the end, as
``rebuild_search_index`` does, instead of row by row.

Then it times 50 queries (25 single words and 25 two-word queries, taken from the
corpus at every frequency, common words included) through the same call the search
page makes: ``SearchResults(Article.objects.published().for_search_results(), q)``,
its count and its first page of 10 results with ranking, highlighted headlines and
snippets. One warm-up round, then three timed rounds; a query's latency is the median
of its three. Prints the median and 95th percentile over the 50 queries, the slowest
queries, and the size of the index.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = [
    "seeds",
    "ingest/tests/data/seedlike",
    "ingest/tests/data/trec",
    "search/evaluation/corpus/trec",
]


def corpus_pieces():
    from ingest.importer import Figure, Paragraph, Subheading, parse

    headlines, paragraphs, captions = [], [], []
    for folder in CORPUS:
        for path in sorted((ROOT / folder).glob("*.txt")):
            piece = parse(path.read_bytes(), filename=path.name)
            headlines.append(piece.headline)
            for block in piece.blocks:
                if isinstance(block, Figure) and block.caption:
                    captions.append(block.caption)
                elif isinstance(block, Paragraph | Subheading):
                    paragraphs.append(block.text)
    return headlines, paragraphs, captions


def generate(count: int, seed: int = 1) -> None:
    """Insert ``count`` articles made from the corpus, in batches."""
    from django.db import connection

    from articles.models import Article, Caption, Image, Source

    rng = random.Random(seed)  # nosec B311 # reproducible test data, no secret
    headlines, paragraphs, captions = corpus_pieces()
    sources = list(Source.objects.all()[:30]) or [Source.objects.create(name="وكالات")]
    start = datetime(2016, 1, 1, tzinfo=UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE articles_article DISABLE TRIGGER articles_search_word_insert"
        )
    batch = 2000
    for first in range(0, count, batch):
        articles = []
        for _n in range(first, min(first + batch, count)):
            body = "\n\n".join(rng.sample(paragraphs, rng.randint(3, 9)))
            published = rng.random() < 0.9
            articles.append(
                Article(
                    headline=rng.choice(headlines),
                    body=body + ("\n\n[[صورة 1]]" if rng.random() < 1 / 3 else ""),
                    status="published" if published else "draft",
                    published_at=start + timedelta(minutes=rng.randrange(5_256_000)),
                )
            )
        articles = Article.objects.bulk_create(articles)
        with_figure = [a for a in articles if a.body.endswith("[[صورة 1]]")]
        images = Image.objects.bulk_create(Image() for _a in with_figure)
        Caption.objects.bulk_create(
            Caption(article=a, image=i, text=rng.choice(captions), position=1)
            for a, i in zip(with_figure, images, strict=True)
        )
        Article.sources.through.objects.bulk_create(
            Article.sources.through(article=a, source=rng.choice(sources))
            for a in articles
        )
        print(f"  {first + len(articles):>7} articles", file=sys.stderr, flush=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE articles_article ENABLE TRIGGER articles_search_word_insert"
        )
        cursor.execute(
            "INSERT INTO articles_search_word (word) SELECT DISTINCT "
            "unnest(tsvector_to_array(search_vector)) FROM articles_article"
        )


def pick_queries(seed: int = 7) -> list[str]:
    """25 single words and 25 two-word queries from the corpus headlines and text, at
    every frequency: a quarter from the most common words (found in a large share of
    the articles), the rest spread over the others."""
    from collections import Counter

    from articles.text import _WORD_RE, word_keys

    rng = random.Random(seed)  # nosec B311 # reproducible test data, no secret
    headlines, paragraphs, _captions = corpus_pieces()
    frequency, surface = Counter(), {}
    for text in paragraphs:
        keys = set()
        for word in _WORD_RE.findall(text):
            for key in word_keys(word):
                if len(key) >= 3 and not key.isdigit():
                    keys.add(key)
                    surface.setdefault(key, word)
        frequency.update(keys)
    ranked = [key for key, _n in frequency.most_common() if frequency[key] >= 3]
    common, others = ranked[:60], ranked[60:]
    words = rng.sample(common, 6) + rng.sample(others, 19)
    pairs = []
    for headline in rng.sample(headlines, len(headlines)):
        written = [w for w in _WORD_RE.findall(headline) if word_keys(w)]
        if len(written) >= 2:
            at = rng.randrange(len(written) - 1)
            pairs.append(f"{written[at]} {written[at + 1]}")
        if len(pairs) == 19:
            break
    pairs += [
        f"{surface[a]} {surface[b]}"
        for a, b in zip(rng.sample(common, 6), rng.sample(common[::-1], 6), strict=True)
    ]
    return [surface[key] for key in words] + pairs


def time_queries(queries: list[str], rounds: int = 3) -> dict:
    from articles.models import Article
    from search.engine import SearchResults

    def one(q):
        started = time.perf_counter()
        results = SearchResults(Article.objects.published().for_search_results(), q)
        count = results.count()
        page = results[0:10]
        elapsed = (time.perf_counter() - started) * 1000
        return elapsed, count, len(page)

    cold = [one(q)[0] for q in queries]
    runs = {q: [] for q in queries}
    counts = {}
    for _round in range(rounds):
        for q in queries:
            elapsed, count, _n = one(q)
            runs[q].append(elapsed)
            counts[q] = count
    latency = {q: statistics.median(times) for q, times in runs.items()}
    ordered = sorted(latency.values())
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
        "cold_median_ms": round(statistics.median(cold), 1),
        "cold_p95_ms": round(sorted(cold)[round(0.95 * len(cold)) - 1], 1),
        "slowest": sorted(
            ((round(ms, 1), q, counts[q]) for q, ms in latency.items()), reverse=True
        )[:5],
        "queries": [(q, round(latency[q], 1), counts[q]) for q in queries],
    }


def sizes() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT pg_relation_size('article_search_vector_idx'),
                   (SELECT sum(pg_column_size(search_vector)) FROM articles_article),
                   (SELECT sum(pg_column_size(search_headline)
                             + pg_column_size(search_extras)
                             + pg_column_size(search_body)) FROM articles_article),
                   pg_total_relation_size('articles_search_word'),
                   pg_total_relation_size('articles_article'),
                   (SELECT count(*) FROM articles_search_word)
            """
        )
        gin, vectors, keys, words, table, word_count = cursor.fetchone()
    mb = 1024 * 1024
    return {
        "gin_index_mb": round(gin / mb, 1),
        "vectors_mb": round(vectors / mb, 1),
        "key_columns_mb": round(keys / mb, 1),
        "word_list_mb": round(words / mb, 1),
        "words": word_count,
        "article_table_total_mb": round(table / mb, 1),
    }


def run(count: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("load_missing_fixtures", verbosity=0)
    started = time.perf_counter()
    generate(count)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    generation = time.perf_counter() - started
    queries = pick_queries()
    result = time_queries(queries)
    return {
        "articles": count,
        "generation_s": round(generation, 1),
        **sizes(),
        **result,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument(
        "--keep", action="store_true", help="Keep the database (its name is printed)."
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.articles), ensure_ascii=False))
        return
    server = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    name = f"newsroom_search_speed_{os.getpid()}"
    psql = ["psql", "-q", f"{server}/postgres", "-c"]
    subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
        "DATABASE_URL": f"{server}/{name}",
    }
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--articles", str(args.articles)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        ).stdout
    finally:
        if args.keep:
            print(f"Database kept: {server}/{name}")
        else:
            subprocess.run([*psql, f"DROP DATABASE {name} WITH (FORCE)"], check=True)
    r = json.loads(out.strip().splitlines()[-1])
    print(f"{r['articles']:,} articles generated in {r['generation_s']} s")
    print(
        f"50 queries, first page of 10 with ranking and snippets: median "
        f"{r['median_ms']} ms, 95th percentile {r['p95_ms']} ms "
        f"(first, cold round: median {r['cold_median_ms']} ms, "
        f"95th percentile {r['cold_p95_ms']} ms)"
    )
    print(
        f"GIN index {r['gin_index_mb']} MB; vectors {r['vectors_mb']} MB; "
        f"key columns {r['key_columns_mb']} MB; word list {r['word_list_mb']} MB "
        f"({r['words']:,} words); article table in all {r['article_table_total_mb']} MB"
    )
    print(
        "slowest:",
        "; ".join(f"{q} ({ms} ms, {n} results)" for ms, q, n in r["slowest"]),
    )
    print("all:", "; ".join(f"{q} {ms}" for q, ms, _n in r["queries"]))


if __name__ == "__main__":
    main()
