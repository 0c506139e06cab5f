"""deploy/varnish/newsroom.vcl with Debian's varnishd on loopback in front of the app
(a live server): anonymous pages are served by Varnish, a write bans them at once,
the admin passes through, and with the app gone Varnish keeps serving what it has
and answers what it lacks with 503 and Retry-After. Without varnishd the tests are
skipped with a message, unless NEWSROOM_REQUIRE_VARNISH is set (CI), then they fail.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from articles.models import Article
from articles.tests.factories import make_article

VCL = Path(settings.BASE_DIR) / "deploy" / "varnish" / "newsroom.vcl"

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (http)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def varnish(live_server, django_db_blocker):
    varnishd = shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )
    if varnishd is None:
        if os.environ.get("NEWSROOM_REQUIRE_VARNISH"):
            pytest.fail("varnishd is not installed (apt-get install varnish)")
        pytest.skip("varnishd is not installed (apt-get install varnish)")
    app = urlsplit(live_server.url)
    # varnishd reads the VCL after dropping its privileges: a folder it may enter.
    holder = tempfile.TemporaryDirectory(prefix="newsroom-varnish-")
    workdir = Path(holder.name)
    vcl = workdir / "test.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{app.port}";'))
    workdir.chmod(0o755)
    vcl.chmod(0o644)
    port = _free_port()
    process = subprocess.Popen(
        [
            *(varnishd, "-F", "-n", str(workdir / "n"), "-a", f"127.0.0.1:{port}"),
            *("-f", str(vcl), "-s", "malloc,32m"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # Varnish's health probe asks /readyz between tests too.
    with django_db_blocker.unblock():
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):  # up to 20 s for the child and the first probes
            try:
                if _get(url + "/robots.txt")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            process.kill()
            pytest.fail(f"varnishd did not start: {process.stderr.read().decode()}")
        yield url
        process.terminate()
        process.wait(timeout=10)
    holder.cleanup()


def test_repeated_anonymous_requests_are_served_by_varnish(varnish):
    article = make_article(headline="خبر عاجل", status="published")
    url = varnish + article.get_absolute_url()
    first = _get(url)
    second = _get(url)
    assert first[0] == second[0] == 200
    assert second[1]["X-Cache"] == "HIT" and second[2] == first[2]
    assert "X-Newsroom-Page" not in second[1]


def test_an_edit_is_visible_through_varnish_at_once(varnish, settings):
    settings.NEWSROOM_VARNISH_BAN_URLS = [varnish + "/"]
    article = make_article(headline="العنوان الأول", status="published")
    assert "العنوان الأول" in _get(varnish + "/")[2]
    assert _get(varnish + "/")[1]["X-Cache"] == "HIT"
    article.headline = "العنوان المعدل"
    article.save()
    _status, headers, html = _get(varnish + "/")
    assert "العنوان المعدل" in html and headers["X-Cache"] == "MISS"


def test_admin_and_staff_pass_through(varnish):
    for _ in range(2):
        status, headers, _html = _get(varnish + "/admin/login/")
        assert status == 200 and headers["X-Cache"] == "MISS"
    make_article(status="published")
    _get(varnish + "/archive/")
    staff = _get(varnish + "/archive/", Cookie="sessionid=someone")
    assert staff[1]["X-Cache"] == "MISS"


def test_with_the_app_down_varnish_serves_what_it_has_and_503s_the_rest(
    varnish, live_server
):
    article = make_article(status="published")
    cached = varnish + article.get_absolute_url()
    assert _get(cached)[0] == 200
    Article.objects.all().delete()  # nothing left to render the page from
    live_server.thread.terminate()  # the app is gone (the last test of this module)
    # Once the health probe notices (1 s apart, 3 of 5 failing), Varnish no longer
    # asks the app: what it lacks is a 503 at once, what it has is served (grace).
    for n in range(50):  # a new address each time: Varnish may keep a 404
        status, headers, _html = _get(varnish + f"/archive/?page={n + 2}")
        if status == 503:
            break
        time.sleep(0.2)
    assert status == 503 and headers["Retry-After"] == "30"
    assert _get(cached)[0] == 200
