"""The public site under load: wrk against gunicorn (2 sync workers), with 1,000
published articles, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/traffic.py                  # both databases
    .venv/bin/python benchmarks/traffic.py --database sqlite --seconds 5

For the home, an article, the archive and a search, four ways: uncached (an
anonymous reader, as hello-world's, with the server's page cache turned off:
NEWSROOM_PAGE_CACHE_SECONDS=0), with a session cookie (never cached, as for staff;
the session is looked up on every request), app-cached (anonymous, Django's cache in
memory), and through Varnish (deploy/varnish/newsroom.vcl). In the same run, under
the same gunicorn settings: a hello-world view and a plain article view (two
queries, a small template) behind the project's settings and middleware
(benchmarks/hello_django.py), and the smallest WSGI app (benchmarks/hello_wsgi.py);
every figure is also given as a share of the Django hello-world's req/s. Also: the
workers' peak RSS. Loopback ports are chosen free at run time.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ARTICLES = 1000
CONNECTIONS = 16


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310  # nosec B310 # our own http://127.0.0.1 server
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer in {timeout} s")


def wrk(url, seconds, cookie=None):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]), (
        int(errors[1]) if errors else 0
    )


def prepare(env):
    subprocess.run([PY, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [PY, "manage.py", "load_missing_fixtures"], env=env, cwd=ROOT, check=True
    )
    seed = f"""
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Source
sources = list(Source.objects.all()[:6])
now = timezone.now()
body = open("seeds/000_4f78182034c9b7d2.txt", encoding="utf-8").read()
articles = Article.objects.bulk_create(
    Article(headline=f"خبر عاجل رقم {{n}} عن زيارة رئيس الأركان", body=body,
            status="published", published_at=now - timedelta(minutes=n))
    for n in range({ARTICLES})
)
through = Article.sources.through
through.objects.bulk_create(
    through(article_id=a.pk, source_id=sources[n % len(sources)].pk)
    for n, a in enumerate(articles)
)
# As autovacuum would have by the time readers come: the planner's statistics of
# the rows just loaded (without them PostgreSQL may scan every published article
# for a few cards).
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
print(articles[0].get_absolute_url())
"""
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", seed],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def gunicorn(app, port, env):
    return subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            # Several run side by side: none needs gunicorn's control socket.
            "--no-control-socket",
        ],
        env=env,
        cwd=ROOT,
    )


def database_url(database, work, purpose):
    """``(DATABASE_URL, command that drops it or None)`` for a throwaway database:
    a file in ``work``, or a new database on $BENCH_PG_URL's PostgreSQL server."""
    if database == "sqlite":
        return f"sqlite:///{work / 'db.sqlite3'}", None
    server = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    name = f"newsroom_{purpose}_bench_{os.getpid()}"
    psql = ["psql", "-q", f"{server}/postgres", "-c"]
    subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True)
    return f"{server}/{name}", [*psql, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"]


def start_varnish(work, app_port, port):
    """Start varnishd on ``port`` with deploy/varnish/newsroom.vcl in front of the
    app on ``app_port``."""
    vcl = work / f"varnish-{port}.vcl"
    vcl.write_text(
        (ROOT / "deploy/varnish/newsroom.vcl")
        .read_text()
        .replace('.port = "8000";', f'.port = "{app_port}";')
    )
    vcl.chmod(0o644)
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    return subprocess.Popen(
        [
            *(varnishd, "-F", "-n", str(work / f"varnish-{port}"), "-f", str(vcl)),
            *("-a", f"127.0.0.1:{port}", "-s", "malloc,64m"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def peak_rss_mb(master):
    """The largest VmHWM among the master's children (the workers), in MB."""
    peak = 0
    for child in (
        Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    ):
        status = Path(f"/proc/{child}/status").read_text()
        peak = max(peak, int(re.search(r"VmHWM:\s+(\d+)", status)[1]))
    return peak / 1024


def run(database, seconds):
    work = Path(tempfile.mkdtemp(prefix="newsroom-traffic-"))
    work.chmod(0o755)
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SECRET_KEY="benchmark-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        DJANGO_DEBUG="",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_LOG_LEVEL="WARNING",
    )
    env["DATABASE_URL"], dropdb = database_url(database, work, "traffic")
    processes = []
    try:
        article = prepare(env)
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--no-input", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        app_port, hello_port, varnish_port = free_port(), free_port(), free_port()
        django_port, uncached_port = free_port(), free_port()
        app = gunicorn("newsroom.wsgi", app_port, env)
        uncached_app = gunicorn(
            "newsroom.wsgi", uncached_port, env | {"NEWSROOM_PAGE_CACHE_SECONDS": "0"}
        )
        hello = gunicorn("benchmarks.hello_wsgi:application", hello_port, env)
        django_hello = gunicorn("benchmarks.hello_django:application", django_port, env)
        processes += [app, uncached_app, hello, django_hello]
        processes.append(start_varnish(work, app_port, varnish_port))
        base = f"http://127.0.0.1:{app_port}"
        uncached_base = f"http://127.0.0.1:{uncached_port}"
        wait_for(base + "/robots.txt")
        wait_for(uncached_base + "/robots.txt")
        wait_for(f"http://127.0.0.1:{hello_port}/")
        wait_for(f"http://127.0.0.1:{django_port}/")
        wait_for(f"http://127.0.0.1:{varnish_port}/robots.txt")
        time.sleep(3)  # Varnish's probe marks the app healthy
        wsgi_rps, _ = wrk(f"http://127.0.0.1:{hello_port}/", seconds)
        hello_rps, _ = wrk(f"http://127.0.0.1:{django_port}/", seconds)
        article_id = re.search(r"/articles/(\d+)/", article)[1]
        plain_rps, _ = wrk(
            f"http://127.0.0.1:{django_port}/plain-article/{article_id}/", seconds
        )
        pages = {
            "home": "/",
            "article": article,
            "archive": "/archive/",
            "search": "/search/?q=%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9",
        }
        rows = []
        for name, path in pages.items():
            uncached, e1 = wrk(uncached_base + path, seconds)
            session, e2 = wrk(base + path, seconds, cookie="sessionid=benchmark")
            cached, e3 = wrk(base + path, seconds)
            varnish, e4 = wrk(f"http://127.0.0.1:{varnish_port}{path}", seconds)
            rows.append((name, uncached, session, cached, varnish, e1 + e2 + e3 + e4))
        rss = max(peak_rss_mb(app), peak_rss_mb(uncached_app))
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
        if dropdb:
            subprocess.run(dropdb, check=False)
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"\n{database}: Django hello-world view {hello_rps:,.0f} req/s (bare WSGI app "
        f"{wsgi_rps:,.0f}); workers' peak RSS {rss:.0f} MB"
    )
    print(
        "| page | uncached req/s | with a session cookie req/s | app-cached req/s "
        "| Varnish req/s | errors |"
    )
    print("|---|---|---|---|---|---|")
    print(
        f"| plain Django article view (reference) | {plain_rps:,.0f} "
        f"({plain_rps / hello_rps:.0%}) | | | | |"
    )
    for name, uncached, session, cached, varnish, errors in rows:
        print(
            f"| {name} | {uncached:,.0f} ({uncached / hello_rps:.0%}) "
            f"| {session:,.0f} ({session / hello_rps:.0%}) "
            f"| {cached:,.0f} ({cached / hello_rps:.0%}) | {varnish:,.0f} | {errors} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"])
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    databases = (
        ["sqlite", "postgresql"] if args.database in (None, "both") else [args.database]
    )
    for database in databases:
        run(database, args.seconds)


if __name__ == "__main__":
    main()
