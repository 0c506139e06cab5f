"""What a public worker loads: the URLs and the public templates, without the
libraries only staff screens or tests use (lxml, qrcode, Pillow: megabytes in every
gunicorn worker, whose peak memory the issue caps at 80 MB), nor, on SQLite, the
PostgreSQL driver."""

import json

import pytest

from newsroom.tests.test_settings import PRODUCTION, run

pytestmark = pytest.mark.slow

STAFF_ONLY = ["lxml", "qrcode", "PIL"]
# The probe runs on the SQLite default (DATABASE_URL is cleared): PostgreSQL's driver,
# 10 MB, has nothing to do there.
POSTGRESQL_ONLY = ["psycopg"]

PROBE = """
import json, sys, django
django.setup()
from django.urls import resolve
from django.template.loader import get_template
resolve("/")
for name in ("public/home.html", "public/article_detail.html", "public/archive.html",
             "public/search.html", "public/section_detail.html"):
    get_template(name)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_the_public_site_loads_no_staff_only_library():
    result = run(["-c", PROBE], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout))
    assert "public" in loaded and "django" in loaded
    assert loaded.isdisjoint(STAFF_ONLY), sorted(loaded & set(STAFF_ONLY))


def test_a_worker_on_sqlite_loads_no_postgresql_driver():
    result = run(["-c", PROBE], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout))
    assert loaded.isdisjoint(POSTGRESQL_ONLY), sorted(loaded & set(POSTGRESQL_ONLY))
