"""`manage.py import_articles` and `export_articles`, as an operator uses them."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from articles.models import Article, Image, Source
from articles.tests import factories as roles
from ingest.importer import parse

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        err.write(str(error))
        code = 1
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def seed_dir(tmp_path, seed_bytes):
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "seed.txt").write_bytes(seed_bytes)
    (tmp_path / "notes.md").write_text("not a piece")
    return tmp_path


def test_import_a_folder_reports_each_file(seed_dir, desk_sources):
    code, out, err = run(seed_dir)
    assert code == 0, err
    assert "created:" in out and "seed.txt" in out
    assert "Done: 1 created." in out
    assert Article.objects.get().status == "draft"


def test_second_run_reports_already_imported(seed_dir, desk_sources):
    run(seed_dir)
    code, out, _ = run(seed_dir)
    assert code == 0
    assert "unchanged:" in out and "Done: 1 unchanged." in out
    assert Article.objects.count() == 1


def test_dry_run_saves_nothing(seed_dir, desk_sources):
    code, out, _ = run(seed_dir, "--dry-run")
    assert code == 0
    assert "would import" in out
    assert "Dry run, nothing saved: 1 would be imported." in out
    assert Article.objects.count() == 0


def test_dry_run_json_prints_one_object_per_file(tmp_path, seed_bytes):
    (tmp_path / "a.txt").write_bytes(seed_bytes)
    (tmp_path / "b.txt").write_bytes(b"")
    code, out, _ = run(tmp_path / "a.txt", tmp_path / "b.txt", "--dry-run", "--json")
    assert code == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["headline"] == "رئيس الأركان الليبي المعين يزور مصر مجددا"
    assert first["sources"] == ["وكالات"]
    assert first["blocks"][0] == parse(seed_bytes).to_json()["blocks"][0]
    assert set(second) == {"file", "error"}
    assert second["file"].endswith("b.txt")


def test_failed_file_does_not_stop_the_others_and_exit_is_nonzero(
    seed_dir, desk_sources
):
    (seed_dir / "empty.txt").write_bytes(b"")
    code, out, err = run(seed_dir)
    assert code == 1
    assert "empty.txt" in err
    assert "Traceback" not in out + err
    assert Article.objects.count() == 1


def test_parse_errors_and_warnings_are_in_english_whatever_the_language(
    tmp_path, seed_bytes, desk_sources
):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-headline.txt").write_bytes("عنوان الخبر\n\n".encode())
    (tmp_path / "c-seed.txt").write_bytes(seed_bytes)

    with translation.override("ar"):
        code, out, err = run(tmp_path, "--verbosity", "2")
        _, dry, _ = run(tmp_path / "a-empty.txt", "--dry-run", "--json")

    assert code == 1
    assert err.splitlines()[:2] == [
        f"FAILED {tmp_path / 'a-empty.txt'}: the file is empty",
        f"FAILED {tmp_path / 'b-headline.txt'}, line 1: the file holds a headline "
        "but no body",
    ]
    assert "  warning: line 19: short line taken as a sub-heading" in out.splitlines()
    assert json.loads(dry)["error"] == f"{tmp_path / 'a-empty.txt'}: the file is empty"


def test_publish_user_and_default_source_options(tmp_path, seed_bytes, desk_sources):
    editor = roles.editor("editor1")
    roles.reporter("reporter1")
    (tmp_path / "a.txt").write_bytes(seed_bytes.rsplit(b"\n", 1)[0])
    code, _out, err = run(
        tmp_path, "--publish", "--user", "editor1", "--source", "الجزيره"
    )
    assert code == 0, err
    article = Article.objects.get()
    assert article.status == "published" and article.created_by == editor
    assert article.transitions.get().action == "publish"
    assert [s.name for s in article.sources.all()] == ["الجزيرة"]


def test_publish_as_a_reporter_imports_drafts_and_says_why(
    tmp_path, seed_bytes, desk_sources
):
    roles.reporter("reporter1")
    (tmp_path / "a.txt").write_bytes(seed_bytes)
    code, out, err = run(tmp_path, "--publish", "--user", "reporter1")
    assert code == 0, err
    assert "not published" in out
    assert Article.objects.get().status == "draft"


def test_publish_needs_a_user(seed_dir, desk_sources):
    code, _, err = run(seed_dir, "--publish")
    assert code == 1 and "--publish needs --user" in err
    assert Article.objects.count() == 0


def test_unknown_user_or_source_is_a_clear_error(seed_dir, desk_sources):
    assert "No user named 'nobody'" in run(seed_dir, "--user", "nobody")[2]
    assert "No source named" in run(seed_dir, "--source", "لا أحد")[2]


def test_zip_with_folder_other_files_and_escaping_paths(
    tmp_path, seed_bytes, desk_sources
):
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("folder/", "")
        z.writestr("folder/piece.txt", seed_bytes)
        z.writestr("photo.jpg", b"\xff\xd8\xff")
        z.writestr("../../etc/passwd", "root:x:0:0")
        z.writestr("../../evil.txt", "عنوان\n\nفقرة خبيثة.\n\nالمصدر : وكالات")
    code, out, err = run(archive)
    assert code == 0, err
    assert "photo.jpg: skipped" in out and "passwd: skipped" in out
    assert Article.objects.count() == 2
    assert not (tmp_path.parent.parent / "evil.txt").exists()
    assert Article.objects.filter(import_filename__endswith="../../evil.txt").exists()


def test_a_symbolic_link_inside_a_zip_is_skipped(tmp_path):
    archive = tmp_path / "links.zip"
    with zipfile.ZipFile(archive, "w") as z:
        link = zipfile.ZipInfo("piece.txt")
        link.external_attr = 0o120777 << 16  # a symbolic link to /etc/passwd
        z.writestr(link, "/etc/passwd")
    code, out, err = run(archive)
    assert code == 0, err
    assert "links.zip/piece.txt: skipped, a symbolic link." in out
    assert Article.objects.count() == 0


def test_not_a_zip(tmp_path):
    (tmp_path / "fake.zip").write_bytes(b"not a zip")
    code, _, err = run(tmp_path / "fake.zip")
    assert code == 1
    assert "fake.zip: not a valid zip file." in err


def test_file_over_the_size_limit_is_refused_with_the_limit(tmp_path, seed_bytes):
    big = tmp_path / "big.txt"
    big.write_bytes(seed_bytes + b"\n" + "فقرة طويلة جدا. ".encode() * 200_000)
    assert big.stat().st_size > 5_000_000
    code, _, err = run(big, "--max-bytes", "2000000")
    assert code == 1
    assert "big.txt" in err and "2,000,000" in err
    assert Article.objects.count() == 0


def test_export_folder_and_zip_round_trip(tmp_path, seed_dir, desk_sources):
    run(seed_dir)
    original = parse((seed_dir / "nested" / "seed.txt").read_bytes()).to_json()
    call_command("export_articles", str(tmp_path / "out"), verbosity=0)
    (exported,) = (tmp_path / "out").glob("*.txt")
    again = parse(exported.read_bytes()).to_json()
    assert (again["headline"], again["blocks"], again["sources"]) == (
        original["headline"],
        original["blocks"],
        original["sources"],
    )
    call_command(
        "export_articles", str(tmp_path / "all.zip"), "--status", "draft", verbosity=0
    )
    with zipfile.ZipFile(tmp_path / "all.zip") as z:
        assert len(z.namelist()) == 1
    assert Image.objects.count() == 2


def test_a_seed_export_says_what_the_format_leaves_out(tmp_path, seed_dir):
    run(seed_dir)
    err = io.StringIO()
    call_command("export_articles", str(tmp_path / "draft"), stderr=err)
    assert err.getvalue() == ""  # a draft's seed text holds all of it
    (article,) = Article.objects.all()
    Article.objects.update(body=article.body + "\n\n- بند في قائمة")
    call_command("export_articles", str(tmp_path / "list"), stderr=err)
    assert "1 of them have" in err.getvalue()
    Article.objects.update(byline="مراسلنا في بنغازي")
    err = io.StringIO()
    call_command("export_articles", str(tmp_path / "out"), stderr=err)
    assert "1 of them have a standfirst, byline" in err.getvalue()
    assert "--format json" in err.getvalue()
    err = io.StringIO()
    call_command("export_articles", str(tmp_path / "j"), "--format", "json", stderr=err)
    assert err.getvalue() == ""


def test_export_selection_by_source_status_and_date(tmp_path, seed_dir, desk_sources):
    run(seed_dir)
    call_command(
        "export_articles", str(tmp_path / "a"), "--source", "الجزيرة", verbosity=0
    )
    assert not list((tmp_path / "a").glob("*.txt"))
    call_command(
        "export_articles",
        str(tmp_path / "b"),
        "--source",
        "وكالات",
        "--status",
        "draft",
        "--since",
        "2000-01-01",
        verbosity=0,
    )
    assert len(list((tmp_path / "b").glob("*.txt"))) == 1
    call_command(
        "export_articles", str(tmp_path / "c"), "--until", "2000-01-01", verbosity=0
    )
    assert not list((tmp_path / "c").glob("*.txt"))
    with pytest.raises(CommandError):
        call_command("export_articles", str(tmp_path / "d"), "--source", "غير موجود")
    assert Source.objects.filter(name="غير موجود").count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_import_with_workers_gives_the_same_result(tmp_path, seed_bytes):
    from django.core.management import call_command as run_command

    run_command("load_missing_fixtures", verbosity=0)
    for n in range(12):
        data = seed_bytes.replace("مجددا".encode(), f"مجددا {n}".encode(), 1)
        # Every piece names the same unknown credit: workers race to create it.
        data = data.replace("(رويترز)".encode(), "(وكالة سبوتنيك)".encode())
        (tmp_path / f"{n:02d}.txt").write_bytes(data)
    (tmp_path / "copy.txt").write_bytes((tmp_path / "00.txt").read_bytes())
    code, out, err = run(tmp_path, "--jobs", "3")
    assert code == 0, err
    assert "Done: 12 created, 1 unchanged." in out
    assert Article.objects.count() == 12
    assert Source.objects.filter(name="وكالة سبوتنيك", is_confirmed=False).count() == 1
    # Reports come in the order of the files, whichever worker finished first.
    reported = [
        line.split(" → ")[0].rsplit("/", 1)[1]
        for line in out.splitlines()
        if " → #" in line
    ]
    assert reported == [*(f"{n:02d}.txt" for n in range(12)), "copy.txt"]


def many_files(folder, seed_bytes, count):
    for n in range(count):
        data = seed_bytes.replace("مجددا".encode(), f"مجددا {n}".encode(), 1)
        (folder / f"{n:03d}.txt").write_bytes(data)
    return folder


def test_without_a_terminal_progress_is_a_line_every_so_many_files(
    tmp_path, seed_bytes, desk_sources, monkeypatch
):
    monkeypatch.setattr("ingest.progress.LINE_EVERY", 2)
    code, out, err = run(many_files(tmp_path, seed_bytes, 5))
    assert code == 0, err
    lines = err.splitlines()
    assert lines[0].startswith("2 of 5 files (40 %), ") and "left" in lines[0]
    assert lines[1].startswith("4 of 5 files (80 %), ")
    code, out, err = run(tmp_path)
    assert "Done: 5 unchanged. 5 files in " in out


def test_an_interrupted_import_resumes_where_it_stopped(
    tmp_path, seed_bytes, desk_sources, monkeypatch
):
    """Stopped in the middle (Ctrl-C, a crash), an import leaves whole chunks and
    nothing half-written; run again, it skips what is done and imports the rest."""
    from ingest import bulk, jobs

    monkeypatch.setattr(jobs, "CHUNK_SIZE", 2)
    store = bulk.articles_create_bulk
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return store(*args, **kwargs)

    monkeypatch.setattr(jobs, "articles_create_bulk", interrupted)
    folder = many_files(tmp_path, seed_bytes, 5)
    with pytest.raises(KeyboardInterrupt):
        run(folder, "-v0")
    assert Article.objects.count() == 2
    assert Image.objects.count() == 4  # the interrupted chunk left no figure

    code, out, err = run(folder)
    assert code == 0, err
    assert "Done: 3 created, 2 unchanged." in out
    assert Article.objects.count() == 5


# Photos in a bundle ------------------------------------------------------------------

from articles.tests.factories import photo_bytes  # noqa: E402


def with_photo(article) -> list[bool]:
    """Whether each figure of ``article`` has its photo, in order."""
    return [bool(c.image.file) for c in article.captions.order_by("position")]


def bundle(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_photos_beside_a_piece_in_a_zip_attach_to_its_figures(
    tmp_path, seed_bytes, desk_sources, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = bundle(
        tmp_path / "bundle.zip",
        {
            "day/seed.txt": seed_bytes,
            "day/seed-1.jpg": photo_bytes("JPEG", color=(10, 20, 30)),
            "day/seed-2.png": photo_bytes("PNG", color=(200, 20, 30)),
        },
    )
    code, out, err = run(archive, "--publish", "--user", roles.editor("ed").username)
    assert code == 0, err
    assert "skipped" not in out and "photo:" not in out
    article = Article.objects.get()
    assert article.status == "published"  # alt texts and credits: the checks pass
    first, second = article.captions.order_by("position")
    assert first.image.file.name.endswith(".jpg") and first.image.thumbnail
    assert second.image.file.name.endswith(".png")
    assert (first.image.width, first.image.height) == (640, 480)


def test_a_missing_or_bad_photo_is_a_warning_not_a_failed_piece(
    tmp_path, seed_bytes, desk_sources, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = bundle(
        tmp_path / "bundle.zip",
        {
            "seed.txt": seed_bytes,
            "seed-1.jpg": b"%PDF-1.4 not a photo",
            "seed-3.webp": photo_bytes("WEBP"),
        },
    )
    code, out, err = run(archive)
    assert code == 0, err
    assert "Done: 1 created." in out
    photo_lines = [line for line in out.splitlines() if line.startswith("  photo: ")]
    assert len(photo_lines) == 3, out
    assert photo_lines[0].startswith("  photo: seed-1.jpg: not attached to figure 1 (")
    assert photo_lines[1] == "  photo: figure 2: the bundle has no photo for it."
    assert photo_lines[2] == (
        "  photo: seed-3.webp: the piece has no figure 3; the photo was left out."
    )
    assert not any(c.image.file for c in Article.objects.get().captions.all())
    assert not list((tmp_path / "media").rglob("*.*"))


def test_photos_beside_a_piece_imported_before_are_named_not_attached(
    tmp_path, seed_bytes, desk_sources, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    run(bundle(tmp_path / "first.zip", {"seed.txt": seed_bytes}))
    again = bundle(
        tmp_path / "again.zip",
        {"seed.txt": seed_bytes, "seed-1.jpg": photo_bytes("JPEG")},
    )
    code, out, _ = run(again)
    assert code == 0
    assert "unchanged" in out
    assert "photo: seed-1.jpg: not attached, the piece was imported before" in out
    assert not Image.objects.exclude(file="").exists()


def test_running_a_bundle_again_does_not_warn_of_photos_it_attached(
    tmp_path, seed_bytes, desk_sources, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    again = bundle(
        tmp_path / "b.zip", {"seed.txt": seed_bytes, "seed-1.jpg": photo_bytes("JPEG")}
    )
    run(again)
    code, out, _ = run(again)
    assert code == 0 and "unchanged" in out
    assert "photo:" not in out


def test_photos_beside_a_piece_in_a_folder_attach_too(
    tmp_path, seed_bytes, desk_sources, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed_bytes)
    (folder / "seed-2.jpg").write_bytes(photo_bytes("JPEG"))
    (folder / "other-1.jpg").write_bytes(photo_bytes("JPEG", color=(1, 2, 3)))
    code, out, err = run(folder)
    assert code == 0, err
    assert with_photo(Article.objects.get()) == [False, True]
    assert "photo: figure 1: the bundle has no photo for it." in out


def test_photos_attach_only_to_the_piece_of_their_own_folder(
    tmp_path, seed_bytes, desk_sources, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "in" / "a").mkdir(parents=True)
    (tmp_path / "in" / "b").mkdir()
    (tmp_path / "in" / "a" / "seed.txt").write_bytes(seed_bytes)
    (tmp_path / "in" / "b" / "seed-1.jpg").write_bytes(photo_bytes("JPEG"))
    (tmp_path / "in" / "a" / "seed-2.png").write_bytes(photo_bytes("PNG"))
    code, _, err = run(tmp_path / "in")
    assert code == 0, err
    assert with_photo(Article.objects.get()) == [False, True]


def test_a_folder_s_photos_go_by_their_whole_stem_whatever_the_case_of_the_ending(
    tmp_path, seed_bytes, desk_sources, settings
):
    """``x-1-1.JPG`` is figure 1 of ``x-1.txt``, not figure 1 of ``x.txt``."""
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.txt").write_bytes(seed_bytes)
    (folder / "x-1.txt").write_bytes(
        seed_bytes.replace("مجددا".encode(), "مجددا ثانية".encode(), 1)
    )
    (folder / "x-1-1.JPG").write_bytes(photo_bytes("JPEG"))
    (folder / "x-2.PNG").write_bytes(photo_bytes("PNG"))
    code, _, err = run(folder)
    assert code == 0, err
    photos = {
        Path(article.import_filename).name: with_photo(article)
        for article in Article.objects.all()
    }
    assert photos == {"x.txt": [False, True], "x-1.txt": [True, False]}


def test_a_file_named_alone_brings_the_photos_beside_it(
    tmp_path, seed_bytes, desk_sources, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "seed.txt").write_bytes(seed_bytes)
    (tmp_path / "seed-1.jpg").write_bytes(photo_bytes("JPEG"))
    (tmp_path / "seeds-2.jpg").write_bytes(photo_bytes("JPEG"))
    code, _, err = run(tmp_path / "seed.txt")
    assert code == 0, err
    assert with_photo(Article.objects.get()) == [True, False]


def test_dry_run_names_the_lines_the_importer_was_unsure_of(
    tmp_path, seed_bytes, desk_sources
):
    from ingest.tests.test_admin import UNSURE_LINE, unsure_dump

    data, line = unsure_dump(seed_bytes)
    (tmp_path / "a.txt").write_bytes(data)
    code, out, _ = run(tmp_path / "a.txt", "--dry-run", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["unsure"] == [
        {"line": line, "read_as": "figure", "could_be": "paragraph"}
    ]
    (warning,) = [w for w in report["warnings"] if w["line"] == line]
    assert warning["code"] == "unknown_credit"
    assert warning["message"].startswith(f"line {line}: might be a paragraph: ")
    code, out, _ = run(tmp_path / "a.txt", "--dry-run")
    assert f"  warning: line {line}: might be a paragraph: (وفا)" in out
    assert UNSURE_LINE.startswith("وصل الوفد")


def test_dry_run_names_a_caption_read_as_a_subheading(
    tmp_path, seed_bytes, desk_sources
):
    from ingest.tests.test_admin import unsure_dump

    data, line = unsure_dump(seed_bytes, "طلاب أمام مبنى جامعة القاهرة (بنا)")
    (tmp_path / "a.txt").write_bytes(data)
    code, out, _ = run(tmp_path / "a.txt", "--dry-run", "--json")
    assert code == 0
    assert json.loads(out)["unsure"] == [
        {
            "line": line,
            "read_as": "subheading",
            "could_be": "figure",
            "could_also_be": ["paragraph"],
        }
    ]
