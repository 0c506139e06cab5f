"""The admin import screen: upload, preview, confirm."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains

from articles.models import Article, Source
from articles.tests.factories import make_user
from articles.tests.html import elements
from ingest.importer import parse

pytestmark = pytest.mark.django_db
URL = "/admin/articles/article/import/"


@pytest.fixture
def chief(client, desk_sources):
    client.force_login(make_user("chief", superuser=True))
    return client


def upload(client, *files, **data):
    return client.post(URL, {"files": list(files), **data})


def txt(name, data):
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_preview_shows_the_parsed_piece_and_saves_nothing(chief, seed_bytes):
    response = upload(chief, txt("seed.txt", seed_bytes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "رئيس الأركان الليبي المعين يزور مصر مجددا" in html
    assert "توتر سياسي وعسكري" in html
    assert "مدينة بنغازي ما زالت تشهد قتالا" in html
    assert "رويترز" in html and "وكالات" in html
    assert Article.objects.count() == 0


def test_confirm_creates_drafts_with_links(chief, seed_bytes):
    preview = upload(chief, txt("seed.txt", seed_bytes))
    token = preview.context["token"]
    response = chief.post(URL, {"confirm": "1", "token": token})
    article = Article.objects.get()
    assert article.status == "draft"
    assert f"/admin/articles/article/{article.pk}/change/" in response.content.decode()
    # The same confirmation cannot run twice.
    again = chief.post(URL, {"confirm": "1", "token": token}, follow=True)
    assert Article.objects.count() == 1
    assert again.status_code == 200


def test_errors_are_shown_per_file_and_other_files_still_import(chief, seed_bytes):
    response = upload(
        chief,
        txt("seed.txt", seed_bytes),
        txt("empty.txt", b""),
        txt("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
    )
    html = response.content.decode()
    assert "empty.txt" in html and "photo.txt" in html
    assert html.count('class="errorlist"') >= 2
    chief.post(URL, {"confirm": "1", "token": response.context["token"]})
    assert Article.objects.count() == 1


def test_preview_gives_parse_errors_and_warnings_in_arabic(chief, seed_bytes):
    response = upload(chief, txt("empty.txt", b""), txt("seed.txt", seed_bytes))

    assertContains(
        response, '<ul class="errorlist"><li>empty.txt: الملف فارغ</li></ul>', html=True
    )
    assertContains(
        response,
        '<li class="warning">السطر 19: سطر قصير اعتُبر عنوانًا فرعيًا</li>',
        html=True,
    )
    assert "the file is empty" not in response.content.decode()


def test_preview_speaks_english_to_staff_who_prefer_it(chief, seed_bytes):
    chief.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    response = chief.post(
        URL, {"files": [txt("empty.txt", b""), txt("seed.txt", seed_bytes)]}
    )

    assertContains(
        response,
        '<ul class="errorlist"><li>empty.txt: the file is empty</li></ul>',
        html=True,
    )
    assertContains(
        response,
        '<li class="warning">line 19: short line taken as a sub-heading</li>',
        html=True,
    )


def test_import_result_gives_a_failed_file_its_reason_in_arabic(chief, seed_bytes):
    preview = upload(chief, txt("b.txt", "عنوان الخبر\n\n".encode()))

    response = chief.post(URL, {"confirm": "1", "token": preview.context["token"]})

    assertContains(
        response,
        '<span class="errornote">b.txt، السطر 1: في الملف عنوان بلا متن</span>',
        html=True,
    )
    assert Article.objects.count() == 0


def test_zip_upload_is_expanded(chief, seed_bytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("a/seed.txt", seed_bytes)
        z.writestr("../../etc/passwd", "root")
    response = upload(chief, SimpleUploadedFile("batch.zip", buffer.getvalue()))
    html = response.content.decode()
    assert "batch.zip/a/seed.txt" in html
    assert "passwd" in html
    chief.post(URL, {"confirm": "1", "token": response.context["token"]})
    assert Article.objects.count() == 1


def test_script_in_a_piece_is_shown_escaped_in_the_preview(chief, seed_bytes):
    data = seed_bytes.replace("مجددا".encode(), b"<script>alert(1)</script>", 1)
    html = upload(chief, txt("x.txt", data)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unknown_credit_is_flagged_in_preview_and_created_unconfirmed(
    chief, seed_bytes
):
    data = seed_bytes.replace("(رويترز)".encode(), "(وكالة سبوتنيك)".encode())
    response = upload(chief, txt("x.txt", data))
    assert "وكالة سبوتنيك" in response.content.decode()
    assert not Source.objects.filter(name="وكالة سبوتنيك").exists()
    chief.post(URL, {"confirm": "1", "token": response.context["token"]})
    assert Source.objects.get(name="وكالة سبوتنيك").is_confirmed is False


def test_already_imported_piece_is_announced(chief, seed_bytes):
    first = upload(chief, txt("seed.txt", seed_bytes))
    chief.post(URL, {"confirm": "1", "token": first.context["token"]})
    again = upload(chief, txt("seed.txt", seed_bytes))
    assert again.context["items"][0]["status"] == "unchanged"
    assert again.context["importable"] == 0


def test_only_users_who_may_add_articles_see_the_screen(client, desk_sources):
    viewer = make_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"confirm": "1", "token": "x"}).status_code == 403
    adder = make_user("adder", is_staff=True)
    adder.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(adder)
    assert client.get(URL).status_code == 200


def test_user_without_publish_permission_cannot_publish_by_posting(
    client, seed_bytes, desk_sources
):
    adder = make_user("adder", is_staff=True)
    adder.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(adder)
    response = upload(client, txt("seed.txt", seed_bytes), publish="on")
    client.post(URL, {"confirm": "1", "token": response.context["token"]})
    assert Article.objects.get().status == "draft"


def test_download_as_text_action(chief, seed_bytes):
    preview = upload(chief, txt("seed.txt", seed_bytes))
    chief.post(URL, {"confirm": "1", "token": preview.context["token"]})
    article = Article.objects.get()
    response = chief.post(
        "/admin/articles/article/",
        {"action": "download_as_text", "_selected_action": [article.pk]},
    )
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("رئيس الأركان الليبي المعين يزور مصر مجددا\n")
    assert text.rstrip().endswith("المصدر : وكالات")


def test_download_as_a_newsroom_export_action_keeps_everything(chief, seed_bytes):
    preview = upload(chief, txt("seed.txt", seed_bytes))
    chief.post(URL, {"confirm": "1", "token": preview.context["token"]})
    article = Article.objects.get()
    Article.objects.filter(pk=article.pk).update(byline="مراسل الجزيرة")
    response = chief.post(
        "/admin/articles/article/",
        {"action": "download_as_export", "_selected_action": [article.pk]},
    )
    assert response["Content-Type"] == "application/json"
    assert (
        response["Content-Disposition"].endswith('.json"')
        or ".json" in (response["Content-Disposition"])
    )
    piece = parse(response.content)
    assert (piece.headline, piece.byline) == (article.headline, "مراسل الجزيرة")


def test_uploads_wait_on_disk_not_in_the_session_and_go_once_imported(
    chief, seed_bytes, settings
):
    from ingest.admin import SESSION_KEY

    response = upload(chief, txt("seed.txt", seed_bytes))
    token = response.context["token"]
    assert set(chief.session[SESSION_KEY]) == {"token", "source", "publish"}
    folder = settings.NEWSROOM_IMPORT_STAGING_DIR / token
    assert folder.is_dir()
    chief.post(URL, {"confirm": "1", "token": token})
    assert not folder.exists()


def test_a_zip_unpacking_to_more_than_a_batch_stops_with_a_message(
    chief, seed_bytes, monkeypatch
):
    from ingest import admin as admin_import

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(10):
            z.writestr(
                f"piece-{n}.txt", seed_bytes.replace(b"\n", f"\n{n}".encode(), 1)
            )
    packed = buffer.getvalue()
    # The upload itself is within the limit; what it unpacks to is not.
    monkeypatch.setattr(admin_import, "MAX_BATCH_BYTES", len(packed) + 1)
    response = upload(chief, SimpleUploadedFile("bomb.zip", packed))
    items = response.context["items"]
    *read, stopped = items
    assert all("piece" in item["name"] and "error" not in item for item in read)
    assert sum(len(seed_bytes) + 1 for _ in read) <= len(packed) + 1
    assert stopped["name"] == f"bomb.zip/piece-{len(read)}.txt"
    assert "not read" in stopped["error"] or "لم" in stopped["error"]


def test_too_many_files_in_one_batch_stop_with_a_message(
    chief, seed_bytes, monkeypatch
):
    from ingest import admin as admin_import

    monkeypatch.setattr(admin_import, "MAX_BATCH_FILES", 2)
    response = upload(
        chief, *(txt(f"{n}.txt", seed_bytes + str(n).encode()) for n in range(3))
    )
    assert [bool(i.get("error")) for i in response.context["items"]] == [
        False,
        False,
        True,
    ]


def test_old_previews_nobody_confirmed_are_swept(settings):
    import os
    import time

    from ingest.staging import stage, staged, sweep

    token = stage([("a.txt", {"piece": {}}, ())])
    folder = settings.NEWSROOM_IMPORT_STAGING_DIR / token
    old = time.time() - 2 * 24 * 60 * 60
    for path in (folder, *folder.iterdir()):
        os.utime(path, (old, old))
    sweep()
    assert staged(token) is None
    assert staged("../../etc") is None


def test_confirming_imports_what_the_preview_parsed_without_parsing_again(
    chief, monkeypatch, seed_bytes
):
    from ingest import admin, services

    token = upload(chief, txt("seed.txt", seed_bytes)).context["token"]

    def no_parsing(*args, **kwargs):
        raise AssertionError("the confirmation parsed the file again")

    monkeypatch.setattr(services, "parse", no_parsing)
    monkeypatch.setattr(admin, "parse", no_parsing)
    chief.post(URL, {"confirm": "1", "token": token})

    article = Article.objects.get()
    assert article.headline == "رئيس الأركان الليبي المعين يزور مصر مجددا"
    assert article.captions.count() == 2


def test_a_parsed_piece_survives_its_staging_whole(seed_bytes):
    from ingest.importer.serial import piece_from_data, piece_to_data

    piece = parse(seed_bytes, known_credits=["الجزيرة"])
    again = piece_from_data(json.loads(json.dumps(piece_to_data(piece))))

    assert again == piece
    assert [b.line for b in again.blocks] == [b.line for b in piece.blocks]
    assert again.blocks[0].credit_parts == piece.blocks[0].credit_parts
    assert [str(w) for w in again.warnings] == [str(w) for w in piece.warnings]


def test_a_zip_uploaded_in_the_desk_brings_its_photos(
    chief, seed_bytes, settings, tmp_path
):
    from articles.tests.factories import photo_bytes

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("seed.txt", seed_bytes)
        archive.writestr("seed-2.jpg", photo_bytes())
    bundle = SimpleUploadedFile("bundle.zip", buffer.getvalue())
    preview = upload(chief, bundle)
    (item,) = preview.context["items"]
    assert [(p.number, p.name) for p in item["photos"]] == [(2, "seed-2.jpg")]
    assertContains(preview, "seed-2.jpg")
    chief.post(URL, {"confirm": "1", "token": preview.context["token"]})
    captions = Article.objects.get().captions.order_by("position")
    assert [bool(c.image.file) for c in captions] == [False, True]


UNSURE_LINE = "وصل الوفد إلى العاصمة صباح اليوم في زيارة تستمر يومين (وفا)"


def unsure_dump(seed_bytes, unsure_line=UNSURE_LINE):
    """The seed with an unsure line after its first paragraph."""
    lines = seed_bytes.decode("utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if len(line) > 200) + 1
    lines[at:at] = ["", unsure_line]
    return "\n".join(lines).encode("utf-8"), at + 2


def offered(preview, line):
    """The readings the preview offers for ``line``: (value, checked) in order."""
    readings = elements(
        preview.content.decode(), "input", type="radio", name=f"reading-0-{line}"
    )
    return [(r.attrs["value"], "checked" in r.attrs) for r in readings]


def confirm_reading(client, preview, line, reading):
    """Confirm the previewed import with ``line`` read as ``reading``."""
    return client.post(
        URL,
        {
            "confirm": "1",
            "token": preview.context["token"],
            f"reading-0-{line}": reading,
        },
    )


def test_the_preview_names_unsure_lines_and_the_editor_chooses_their_reading(
    chief, seed_bytes
):
    data, line = unsure_dump(seed_bytes)
    preview = upload(chief, txt("unsure.txt", data))
    (item,) = preview.context["items"]
    assert item["unsure"] == [
        {
            "line": line,
            "reading": "figure",
            "readings": ("figure", "paragraph"),
            "text": UNSURE_LINE,
        }
    ]
    html = preview.content.decode()
    assert f"السطر {line}: قد تكون فقرة" in html
    assert offered(preview, line) == [("figure", True), ("paragraph", False)]
    readings = elements(html, "input", type="radio", name=f"reading-0-{line}")
    assert {r.attrs["form"] for r in readings} == {"import-confirm"}
    confirm_reading(chief, preview, line, "paragraph")
    article = Article.objects.get()
    assert UNSURE_LINE in article.body
    assert not article.captions.filter(text__startswith="وصل الوفد").exists()


def test_a_caption_read_as_a_subheading_is_offered_and_can_be_made_a_figure(
    chief, seed_bytes
):
    data, line = unsure_dump(seed_bytes, "طلاب أمام مبنى جامعة القاهرة (بنا)")
    preview = upload(chief, txt("unsure.txt", data))
    assert offered(preview, line) == [
        ("subheading", True),
        ("figure", False),
        ("paragraph", False),
    ]
    confirm_reading(chief, preview, line, "figure")
    article = Article.objects.get()
    assert "## طلاب أمام" not in article.body
    caption = article.captions.get(text="طلاب أمام مبنى جامعة القاهرة")
    assert caption.credit.name == "بنا" and not caption.credit.is_confirmed


def test_a_reading_for_a_line_the_importer_was_sure_of_is_refused(chief, seed_bytes):
    data, _line = unsure_dump(seed_bytes)
    preview = upload(chief, txt("unsure.txt", data))
    response = chief.post(
        URL,
        {"confirm": "1", "token": preview.context["token"], "reading-0-1": "figure"},
        follow=True,
    )
    assert not Article.objects.exists()
    assert "لم يُستورد شيء" in response.content.decode()


def test_agency_items_are_previewed_and_imported_like_text_files(chief):
    wire = Path(__file__).parent / "data" / "wire"
    newsml = wire / "newsml-g2" / "LISTING_2_NewsML-G2_Text_Document.xml"
    ninjs = wire / "ninjs" / "dpa_text.json"
    preview = upload(
        chief,
        SimpleUploadedFile(newsml.name, newsml.read_bytes(), "application/xml"),
        SimpleUploadedFile(ninjs.name, ninjs.read_bytes(), "application/json"),
    )
    assertContains(preview, "Fed to halt QE to avert")
    assertContains(preview, "Faktencheck Derby-Elfmeter")

    chief.post(URL, {"confirm": "1", "token": preview.context["token"]})

    assert sorted(Article.objects.values_list("external_id", flat=True)) == [
        "urn:newsml:acmenews.com:20161121:US-FINANCE-FED",
        "urn:newsml:dpa.com:20090101:190510-99-167362",
    ]


def test_an_export_uploaded_in_the_desk_keeps_its_quotations_lists_and_embeds(chief):
    """The preview stages what it parsed; an export's notation survives staging."""
    from articles.tests.factories import make_article
    from ingest.exporter import article_text

    body = (
        "قال **الوزير** إن [الاتفاق](https://gov.example/a) نهائي.\n\n"
        "> لن نتراجع\n> — الوزير\n\n"
        "1. واحد\n2. اثنان\n\nفقرة بينهما.\n\n3. ثلاثة\n\n"
        "https://youtu.be/dQw4w9WgXcQ"
    )
    original = make_article(headline="اتفاق نهائي", body=body)
    exported = article_text(original, "json").encode()
    original.delete()
    preview = upload(chief, SimpleUploadedFile("a.json", exported, "application/json"))
    chief.post(URL, {"confirm": "1", "token": preview.context["token"]})
    article = Article.objects.get()
    assert article.body == body
    assert '<ol start="3">' in article.body_html
