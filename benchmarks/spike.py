"""A breaking-news spike: 64 connections for 30 s on the home page and one article,
through Varnish, while an editor changes that article every 2 s.

    .venv/bin/python benchmarks/spike.py                 # SQLite
    .venv/bin/python benchmarks/spike.py --database postgresql --seconds 30

gunicorn (2 sync workers) with the page cache in Redis (shared by the workers and the
editor's process, as on several app hosts), Varnish in front with the app's bans
(deploy/varnish/newsroom.vcl), 1,000 published articles (as benchmarks/traffic.py
fills them). wrk loads the home page and the article, 32 connections each, through
Varnish. Meanwhile an editor's process saves the article with a new headline every
2 s (through the services, as the desk does), and watchers poll the article and the
home page through Varnish and straight from the app until each new headline shows;
the report gives the requests served, the errors, and the slowest delay from a save
to its visibility on every layer. Needs Redis (REDIS_URL, default
redis://127.0.0.1:6379/15), varnishd and wrk.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.traffic import (
    PY,
    ROOT,
    free_port,
    gunicorn,
    prepare,
    wait_for,
    wrk,
)

EDITS_EVERY = 2.0

EDITOR = """
import sys, time
from articles.models import Article
from articles.services import article_save
article = Article.objects.get(pk={pk})
for n in range({edits}):
    started = time.time()
    article.headline = f"عنوان متجدد رقم {{n}}"
    article_save(article, by=None)
    print(n, started, flush=True)
    time.sleep(max(0.0, {every} - (time.time() - started)))
"""


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (http)
        return response.read().decode("utf-8")


class Watcher(threading.Thread):
    """Polls ``url`` every 50 ms and notes when each edit's headline first shows."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.seen: dict[int, float] = {}
        self.failures = 0
        self.running = True

    def run(self):
        while self.running:
            try:
                page = fetch(self.url)
            except OSError:
                self.failures += 1
            else:
                moment = time.time()
                for n in range(200):
                    if (
                        f"عنوان متجدد رقم {n}<" in page
                        or f'عنوان متجدد رقم {n}"' in page
                    ):
                        self.seen.setdefault(n, moment)
            time.sleep(0.05)


def run(database: str, seconds: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="newsroom-spike-"))
    work.chmod(0o755)
    env = dict(os.environ)
    app_port, varnish_port = free_port(), free_port()
    env.update(
        DJANGO_SECRET_KEY="benchmark-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        DJANGO_DEBUG="",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        NEWSROOM_VARNISH_BAN_URLS=f"http://127.0.0.1:{varnish_port}/",
    )
    dropdb = None
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{work / 'db.sqlite3'}"
    else:
        server = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
        name = f"newsroom_spike_bench_{os.getpid()}"
        psql = ["psql", "-q", f"{server}/postgres", "-c"]
        subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True)
        dropdb = [*psql, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"]
        env["DATABASE_URL"] = f"{server}/{name}"
    subprocess.run(
        [
            PY,
            "manage.py",
            "shell",
            "-c",
            "from django.core.cache import cache; cache.clear()",
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    processes = []
    try:
        article = prepare(env)
        pk = int(article.split("/")[2])
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--no-input", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        app = gunicorn("newsroom.wsgi", app_port, env)
        processes.append(app)
        vcl = work / "bench.vcl"
        vcl.write_text(
            (ROOT / "deploy/varnish/newsroom.vcl")
            .read_text()
            .replace('.port = "8000";', f'.port = "{app_port}";')
        )
        vcl.chmod(0o644)
        varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
        processes.append(
            subprocess.Popen(
                [
                    *(varnishd, "-F", "-n", str(work / "varnish"), "-f", str(vcl)),
                    *("-a", f"127.0.0.1:{varnish_port}", "-s", "malloc,64m"),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        app_base = f"http://127.0.0.1:{app_port}"
        varnish_base = f"http://127.0.0.1:{varnish_port}"
        wait_for(app_base + "/robots.txt")
        wait_for(varnish_base + "/robots.txt")
        time.sleep(3)  # Varnish's probe marks the app healthy
        watchers = {
            "article through Varnish": Watcher(varnish_base + article),
            "article from the app": Watcher(app_base + article),
            "home through Varnish": Watcher(varnish_base + "/"),
            "home from the app": Watcher(app_base + "/"),
        }
        for watcher in watchers.values():
            watcher.start()
        loads = {}

        def load(name, url):
            loads[name] = wrk(url, seconds, connections=32)

        threads = [
            threading.Thread(target=load, args=("home", varnish_base + "/")),
            threading.Thread(target=load, args=("article", varnish_base + article)),
        ]
        for thread in threads:
            thread.start()
        edits = int(seconds // EDITS_EVERY) - 1
        editor = subprocess.run(
            [
                PY,
                "manage.py",
                "shell",
                "-c",
                EDITOR.format(pk=pk, edits=edits, every=EDITS_EVERY),
            ],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        for thread in threads:
            thread.join()
        time.sleep(1.5)
        for watcher in watchers.values():
            watcher.running = False
        saved = {
            int(n): float(at)
            for n, at in (line.split() for line in editor.stdout.split("\n") if line)
        }
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
        if dropdb:
            subprocess.run(dropdb, check=False)
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{database}: {seconds} s, 64 connections, an edit every {EDITS_EVERY:g} s")
    print("| page (through Varnish) | requests/s | errors |")
    print("|---|---|---|")
    for name, (rps, errors) in loads.items():
        print(f"| {name} | {rps:,.0f} | {errors} |")
    print("\n| layer | edits seen | slowest save → visible | median |")
    print("|---|---|---|---|")
    for name, watcher in watchers.items():
        delays = sorted(
            watcher.seen[n] - at for n, at in saved.items() if n in watcher.seen
        )
        if not delays:
            print(f"| {name} | 0 of {len(saved)} | - | - |")
            continue
        print(
            f"| {name} | {len(delays)} of {len(saved)} | {delays[-1]:.2f} s "
            f"| {delays[len(delays) // 2]:.2f} s |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", choices=["sqlite", "postgresql"], default="sqlite"
    )
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    run(args.database, args.seconds)


if __name__ == "__main__":
    main()
