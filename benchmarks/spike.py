"""A breaking-news spike: 64 connections for 30 s on the home page and one article
while an editor publishes a new story or edits the watched one every 2 s.

    .venv/bin/python benchmarks/spike.py                     # PostgreSQL and Redis
    .venv/bin/python benchmarks/spike.py --database sqlite --seconds 10

gunicorn (2 sync workers) with 1,000 published articles, Redis as the shared cache
(REDIS_URL, a database of its own, emptied first) and Varnish in front (the app bans
it on every write, NEWSROOM_VARNISH_BAN_URLS). wrk keeps 32 connections on the home
page through Varnish and 32 on the article straight at gunicorn (the app's cache).
Meanwhile an editor process alternates publishing a new article and editing the
watched article's headline, then asks each layer (app, Varnish) until it shows the
change: how long that takes is the figure. Reports the requests served, the errors
(non-2xx/3xx and socket errors) and the slowest visibility per layer.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from traffic import (
    PY,
    ROOT,
    database_url,
    free_port,
    gunicorn,
    peak_rss_mb,
    prepare,
    start_varnish,
    wait_for,
)

REDIS_DB = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")

# Run by the editor process (manage.py shell): one write every 2 s, then each layer
# asked every 20 ms until it shows the write.
EDITOR = """
import json, time, urllib.request
from django.utils import timezone
from articles.models import Article, Source
from articles.services import article_save
from articles.services.workflow import article_publish
from django.contrib.auth import get_user_model

user = get_user_model().objects.filter(is_superuser=True).first() or \\
    get_user_model().objects.create_superuser("spike-editor", password="x" * 20)
watched = Article.objects.get(pk={pk})
layers = {layers!r}

def seen(url, text):
    request = urllib.request.Request(url, headers={{"Accept-Encoding": "identity"}})
    with urllib.request.urlopen(request, timeout=5) as response:
        return text in response.read().decode()

end = time.monotonic() + {seconds}
n = 0
while time.monotonic() < end:
    started = time.monotonic()
    n += 1
    if n % 2:
        headline = f"خبر عاجل جديد رقم {{n}}"
        article = Article(headline=headline, body="فقرة الخبر العاجل.", status="draft")
        article_save(article, by=user)
        article.sources.set([Source.objects.first()])
        article_publish(article, by=user)
        path, kind = "/", "publish"
    else:
        headline = f"تحديث الخبر المتابع رقم {{n}}"
        watched.refresh_from_db()
        watched.headline = headline
        article_save(watched, by=user, expected_version=watched.version)
        path, kind = watched.get_absolute_url(), "edit"
    wrote = time.monotonic()
    delays = {{}}
    for name, base in layers.items():
        while not seen(base + path, headline):
            if time.monotonic() - wrote > 10:
                break
            time.sleep(0.02)
        delays[name] = round(time.monotonic() - wrote, 3)
    print(json.dumps({{"kind": kind, "delays": delays}}), flush=True)
    time.sleep(max(0, 2 - (time.monotonic() - started)))
"""


def wrk(url, seconds, connections):
    return subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", url],
        stdout=subprocess.PIPE,
        text=True,
    )


def wrk_result(process):
    out = process.communicate()[0]
    requests = int(re.search(r"(\d+) requests in", out)[1])
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return requests, (int(errors[1]) if errors else 0) + (
        sum(map(int, socket.groups())) if socket else 0
    )


def run(database, seconds):
    work = Path(tempfile.mkdtemp(prefix="newsroom-spike-"))
    work.chmod(0o755)
    varnish_port, app_port = free_port(), free_port()
    env = dict(os.environ)
    env.update(
        DJANGO_SECRET_KEY="benchmark-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        DJANGO_DEBUG="",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        REDIS_URL=REDIS_DB,
    )
    subprocess.run(
        ["redis-cli", "-u", REDIS_DB, "FLUSHDB"], check=True, stdout=subprocess.DEVNULL
    )
    env["DATABASE_URL"], dropdb = database_url(database, work, "spike")
    processes = []
    try:
        article = prepare(env)
        env["NEWSROOM_VARNISH_BAN_URLS"] = f"http://127.0.0.1:{varnish_port}/"
        pk = int(re.search(r"/articles/(\d+)/", article)[1])
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--no-input", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        app = gunicorn("newsroom.wsgi", app_port, env)
        processes.append(app)
        processes.append(start_varnish(work, app_port, varnish_port))
        app_url = f"http://127.0.0.1:{app_port}"
        varnish_url = f"http://127.0.0.1:{varnish_port}"
        wait_for(app_url + "/robots.txt")
        wait_for(varnish_url + "/robots.txt")
        time.sleep(3)  # Varnish's probe marks the app healthy
        layers = {"app": app_url, "varnish": varnish_url}
        editor = subprocess.Popen(
            [
                PY,
                "manage.py",
                "shell",
                "-c",
                EDITOR.format(pk=pk, layers=layers, seconds=seconds),
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        loads = {
            "home through Varnish": wrk(varnish_url + "/", seconds, 32),
            "article from the app's cache": wrk(app_url + article, seconds, 32),
        }
        results = {name: wrk_result(process) for name, process in loads.items()}
        writes = [
            json.loads(line)
            for line in editor.communicate(timeout=60)[0].split("\n")
            if line.startswith("{")
        ]
        rss = peak_rss_mb(app)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
        if dropdb:
            subprocess.run(dropdb, check=False)
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"\n{database}: {seconds} s, 64 connections, {len(writes)} writes; workers' peak RSS {rss:.0f} MB"
    )
    print("| load | requests | req/s | errors |")
    print("|---|---|---|---|")
    for name, (requests, errors) in results.items():
        print(f"| {name} | {requests:,} | {requests / seconds:,.0f} | {errors} |")
    print("\n| write | count | slowest visible on the app | slowest through Varnish |")
    print("|---|---|---|---|")
    for kind in ("publish", "edit"):
        delays = [w["delays"] for w in writes if w["kind"] == kind]
        if delays:
            print(
                f"| {kind} | {len(delays)} "
                f"| {max(d['app'] for d in delays):.2f} s "
                f"| {max(d['varnish'] for d in delays):.2f} s |"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", choices=["sqlite", "postgresql"], default="postgresql"
    )
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    run(args.database, args.seconds)


if __name__ == "__main__":
    main()
