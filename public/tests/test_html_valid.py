"""Every public page type is valid HTML by the W3C Nu HTML checker (vnu.jar, from npm's
``vnu-jar``, run with Java). Without Java or the jar the test is skipped with a
message, unless NEWSROOM_REQUIRE_VNU is set, as CI sets it, and then it fails."""

import json
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import BreakingNews, Correction, Section
from articles.services import article_set_authors
from articles.tests.factories import (
    make_article,
    make_author,
    make_caption,
    make_section,
    make_source,
    make_tag,
)
from public.tests.test_views import jpeg, make_photo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_sections")]

VNU_JAR = (
    Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def _vnu_command():
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return [java, "-Xss4m", "-jar", str(VNU_JAR)]
    message = (
        f"the HTML checker needs Java and {VNU_JAR} (npm install vnu-jar): "
        f"java={'found' if java else 'missing'}, jar="
        f"{'found' if VNU_JAR.exists() else 'missing'}"
    )
    if os.environ.get("NEWSROOM_REQUIRE_VNU"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_every_public_page_type_is_valid_html(client, tmp_path):
    command = _vnu_command()
    reuters = make_source(name="رويترز", url="https://www.reuters.com/")
    now = timezone.now().replace(microsecond=123456)
    articles = []
    for n in range(3):
        article = make_article(
            headline=f"زيارة رئيس الأركان رقم {n}",
            standfirst="ملخص الخبر." if n else "",
            status="published",
            published_at=now - timedelta(hours=n + 1),
            sources=[reuters],
        )
        articles.append(article)
    lead = articles[0]
    lead.body += (
        "\n\n[[صورة 1]]\n\nفقرة بعد الصورة فيها **عريض** و*مائل* و"
        "[رابط](https://example.com/a).\n\n> اقتباس\n> — قائله\n\n- بند\n\n1. أول\n\n"
        "https://youtu.be/dQw4w9WgXcQ"
    )
    lead.save()
    make_caption(
        lead, text="صورة الزيارة", image=make_photo(alt_text="وصف", credit=reuters)
    )
    make_caption(lead, position=2, text="صورة بلا ملف")
    for kind in Correction.Kind.values:
        Correction.objects.create(
            article=lead, kind=kind, text=f"نص الملاحظة <{kind}>", published_at=now
        )
    withdrawn = make_article(
        headline="خبر مسحوب", status="withdrawn", published_at=now, sources=[reuters]
    )
    sport = Section.objects.get(name="رياضة")
    football = make_section("كرة القدم", parent=sport, description="الدوريات.")
    tag = make_tag("كأس العالم")
    author = make_author(
        "سارة حسن", role="مراسلة", bio="نبذة قصيرة.", links="https://example.com/s"
    )
    author.photo.save("sara.jpg", jpeg(200, 200), save=True)
    lead.section = football
    lead.save()
    lead.tags.set([tag])
    article_set_authors(lead, [author, make_author("أحمد علي")])
    BreakingNews.objects.create(
        text="عاجل: زلزال",
        url="https://example.com/",
        expires_at=now + timedelta(hours=1),
    )
    pages = {
        "home": "/",
        "article": lead.get_absolute_url(),
        "article-no-photo": articles[1].get_absolute_url(),
        "archive": "/archive/",
        "archive-filtered": f"/archive/?source={reuters.slug}&page=1",
        "source": reuters.get_absolute_url(),
        "section": sport.get_absolute_url(),
        "subsection": football.get_absolute_url(),
        "section-empty": Section.objects.get(name="ثقافة").get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "search-empty": "/search/",
        "search-results": "/search/?q=رئيس+الأركان",
        "search-nothing": "/search/?q=كلمةغيرموجودة",
        "not-found": "/articles/999999/",
        "corrections": "/corrections/",
        "withdrawn": withdrawn.get_absolute_url(),
    }
    expected_status = {"not-found": 404, "withdrawn": 410}
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == expected_status.get(name, 200), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
    assert result.returncode == 0, result.stderr
