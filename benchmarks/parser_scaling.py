"""How the parser's time grows with the size of a dump: it must stay linear.

    .venv/bin/python benchmarks/parser_scaling.py

For three shapes of large dump (paragraphs separated by blank lines, one paragraph of
lines without blank lines between them, deeply nested bidi controls in one line), parses
the dump at a base size and at four times that size, five times each, and prints the
median times and their ratio: about 4 for linear growth, about 16 for quadratic. The
test suite checks what such dumps parse into; the timing lives here because a shared
machine makes timed unit tests flaky.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.importer import parse  # noqa: E402

SENTENCE = "الفقرة رقم {i} من النص الطويل التي تنتهي بنقطة."
ROUNDS = 5


def paragraphs(count: int) -> bytes:
    body = "\n\n".join(SENTENCE.format(i=i) for i in range(count))
    return f"عنوان الخبر\n\n{body}\n".encode()


def joined_lines(count: int) -> bytes:
    body = "\n".join(SENTENCE.format(i=i) for i in range(count))
    return f"عنوان الخبر\n\n{body}\n".encode()


def nested_bidi(count: int) -> bytes:
    line = "\u2066\u202a" * count + "نص" + "\u2069" * count + " في السطر."
    return f"عنوان الخبر\n\n{SENTENCE.format(i=0)}\n\n{line}\n".encode()


SHAPES = [
    ("paragraphs", paragraphs, 10_000),
    ("lines joined into one paragraph", joined_lines, 20_000),
    ("nested bidi controls", nested_bidi, 25_000),
]


def median_seconds(data: bytes) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        parse(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print("| dump | size n | median at n | median at 4n | ratio (linear ≈ 4) |")
    print("|---|---|---|---|---|")
    for name, make, size in SHAPES:
        small = median_seconds(make(size))
        big = median_seconds(make(4 * size))
        print(
            f"| {name} | {size:,} | {small * 1000:.0f} ms | {big * 1000:.0f} ms "
            f"| {big / small:.1f} |"
        )


if __name__ == "__main__":
    main()
