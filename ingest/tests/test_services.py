"""The import service: parsed pieces become articles, all or nothing per file."""

import pytest
from django.utils.html import format_html

from articles.models import Article, Caption, Image, Revision, Source
from articles.services import article_save
from articles.tests import factories as roles
from articles.tests.factories import make_user
from articles.tests.html import elements
from ingest.exporter import article_text
from ingest.services import ImportStatus, article_import, known_credits
from ingest.tests.importer_cases import CAPTION, PARAGRAPH, dump

pytestmark = pytest.mark.django_db


def import_seed(data, **kwargs):
    return article_import(data, filename="000_4f78182034c9b7d2.txt", **kwargs)


def test_seed_becomes_a_draft_with_figures_subheading_and_source(
    seed_bytes, desk_sources
):
    result = import_seed(seed_bytes)
    assert result.status == ImportStatus.CREATED
    article = Article.objects.for_page().get()
    assert article.status == Article.Status.DRAFT
    assert article.headline == "رئيس الأركان الليبي المعين يزور مصر مجددا"
    assert [s.name for s in article.sources.all()] == ["وكالات"]
    layout = article.layout()
    assert [item.kind for item in layout][:3] == ["figure", "paragraph", "paragraph"]
    assert [item.text for item in layout if item.kind == "subheading"] == [
        "توتر سياسي وعسكري"
    ]
    first, second = (item.caption for item in layout if item.kind == "figure")
    assert (
        first.text
        == "مدينة بنغازي ما زالت تشهد قتالا بين قوات حفتر ومقاتلي مجلس شورى ثوار بنغازي"
    )
    assert (
        first.image.alt_text == 'قوات "شورى ثوار بنغازي" تسيطر على معسكر الدفاع الجوي'
    )
    assert (first.credit.name, second.credit.name) == ("الجزيرة", "رويترز")
    assert second.image.alt_text == second.text
    assert not first.image.file  # the photo arrives later
    assert article.import_filename == "000_4f78182034c9b7d2.txt"
    assert len(article.import_hash) == 64
    assert not result.new_sources


def test_journalists_spelling_is_kept(seed_bytes, desk_sources):
    import_seed(seed_bytes)
    assert "سيلتقى خلال زيارته" in Article.objects.get().body
    assert "حِفتر" in Article.objects.get().body


def test_reimporting_the_same_content_changes_nothing(seed_bytes, desk_sources):
    first = import_seed(seed_bytes)
    again = import_seed(seed_bytes.replace(b"\n", b"\r\n"))
    assert again.status == ImportStatus.UNCHANGED
    assert again.article == first.article
    assert (
        Article.objects.count(),
        Caption.objects.count(),
        Image.objects.count(),
    ) == (1, 2, 2)


def test_same_content_in_another_encoding_is_recognised(seed_bytes, desk_sources):
    import_seed(seed_bytes)
    utf16 = seed_bytes.decode("utf-8").encode("utf-16")
    assert article_import(utf16, filename="copy.txt").status == ImportStatus.UNCHANGED


def test_a_corrected_file_replaces_an_untouched_draft(seed_bytes, desk_sources):
    first = import_seed(seed_bytes)
    corrected = seed_bytes.replace("عدة معسكرات".encode(), "عدة معسكرات مهمة".encode())
    result = import_seed(corrected)
    assert result.status == ImportStatus.UPDATED
    assert result.article.pk == first.article.pk
    assert "عدة معسكرات مهمة" in Article.objects.get().body
    # The earlier figures and their photo-less images are replaced, not left behind.
    assert (Caption.objects.count(), Image.objects.count()) == (2, 2)


def test_an_import_records_the_version_it_left(seed_bytes, desk_sources):
    article = import_seed(seed_bytes).article
    article.refresh_from_db()
    assert article.imported_version == article.version

    article_save(article, by=None)
    article.refresh_from_db()
    assert article.version == article.imported_version + 1


def test_an_article_saved_since_its_import_is_kept_even_with_its_text_unchanged(
    seed_bytes, desk_sources
):
    article = import_seed(seed_bytes).article
    article_save(article, by=None)  # saved as it was: still someone's decision
    corrected = seed_bytes.replace("عدة معسكرات".encode(), "عدة معسكرات مهمة".encode())
    assert import_seed(corrected).status == ImportStatus.KEPT


def test_an_edited_article_is_never_overwritten_by_a_reimport(seed_bytes, desk_sources):
    first = import_seed(seed_bytes).article
    first.body += "\n\nفقرة أضافها المحرر."
    first.save()
    corrected = seed_bytes.replace("عدة معسكرات".encode(), "عدة معسكرات مهمة".encode())
    result = import_seed(corrected)
    assert result.status == ImportStatus.KEPT
    assert result.message.startswith("000_4f78182034c9b7d2.txt")
    article = Article.objects.get()
    assert article.body.endswith("فقرة أضافها المحرر.")
    assert "عدة معسكرات مهمة" not in article.body


def test_a_published_article_is_never_overwritten_by_a_reimport(
    seed_bytes, desk_sources
):
    import_seed(seed_bytes, publish=True, user=make_user("chief", superuser=True))
    corrected = seed_bytes.replace("عدة معسكرات".encode(), "عدة معسكرات مهمة".encode())
    assert import_seed(corrected).status == ImportStatus.KEPT


def test_publish_goes_through_the_workflow_and_makes_the_article_visible_now(
    seed_bytes, desk_sources
):
    editor = roles.editor("editor")
    article = import_seed(seed_bytes, publish=True, user=editor).article
    assert article.status == Article.Status.PUBLISHED
    assert Article.objects.published().get() == article
    transition = article.transitions.get()
    assert (transition.action, transition.by) == ("publish", editor)


def test_import_records_a_revision_with_figures_and_moves_the_version(
    seed_bytes, desk_sources
):
    from articles.services.revisions import revisions_of

    editor = roles.editor("editor")
    first = import_seed(seed_bytes, user=editor).article
    (revision,) = revisions_of(first)
    assert revision.user == editor
    assert revision.reason == "import:000_4f78182034c9b7d2.txt"
    assert len(revision.content["figures"]) == 2
    corrected = seed_bytes.replace("عدة معسكرات".encode(), "عدة معسكرات مهمة".encode())
    again = import_seed(corrected, user=editor).article
    assert again.version == first.version + 1
    assert len(revisions_of(again)) == 2


def test_publish_without_a_user_leaves_a_draft(seed_bytes, desk_sources):
    result = import_seed(seed_bytes, publish=True)
    assert result.article.status == Article.Status.DRAFT
    assert result.message


def test_unknown_credit_creates_an_unconfirmed_source_once(seed_bytes, desk_sources):
    data = seed_bytes.replace("(رويترز)".encode(), "(وكالة سبوتنيك)".encode())
    result = import_seed(data)
    assert [s.name for s in result.new_sources] == ["وكالة سبوتنيك"]
    assert Source.objects.get(name="وكالة سبوتنيك").is_confirmed is False
    assert list(Source.objects.unconfirmed()) == result.new_sources


def test_credit_with_an_archive_note_matches_its_source(seed_bytes, desk_sources):
    data = seed_bytes.replace("(رويترز)".encode(), "(رويترز-أرشيف)".encode())
    import_seed(data)
    caption = Caption.objects.get(position=2)
    assert (caption.credit.name, caption.credit_note) == ("رويترز", "أرشيف")
    assert "(رويترز-أرشيف)" in article_text(Article.objects.for_page().get())


def test_credit_written_as_an_alternative_spelling_matches(seed_bytes, desk_sources):
    import_seed(seed_bytes.replace("(رويترز)".encode(), "(وكالة رويترز)".encode()))
    assert Caption.objects.get(position=2).credit.name == "رويترز"
    assert not Source.objects.unconfirmed().exists()


def test_default_source_is_used_when_the_piece_names_none(seed_bytes, desk_sources):
    data = seed_bytes.rsplit(b"\n", 1)[0]  # drop the المصدر line
    aljazeera = Source.objects.get(name="الجزيرة")
    article = import_seed(data, default_source=aljazeera).article
    assert list(article.sources.all()) == [aljazeera]


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\n", "عنوان وحده".encode(), b"\x89PNG\r\n\x1a\n" + b"\x00" * 64],
    ids=["empty", "white-space", "headline-only", "png"],
)
def test_bad_file_fails_with_a_message_and_saves_nothing(data, desk_sources):
    sources = Source.objects.count()
    result = article_import(data, filename="bad.txt")
    assert result.status == ImportStatus.FAILED
    assert result.message.startswith("bad.txt")
    assert (Article.objects.count(), Image.objects.count(), Source.objects.count()) == (
        0,
        0,
        sources,
    )


def test_failure_midway_leaves_no_rows_behind(seed_bytes, desk_sources, monkeypatch):
    from ingest import services as importing

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    data = seed_bytes.replace("(رويترز)".encode(), "(وكالة جديدة)".encode())
    monkeypatch.setattr(importing.Caption.objects, "bulk_create", broken)
    sources = Source.objects.count()
    with pytest.raises(RuntimeError):
        import_seed(data)
    assert (Article.objects.count(), Image.objects.count(), Source.objects.count()) == (
        0,
        0,
        sources,
    )


def test_html_in_a_piece_is_stored_as_text(seed_bytes, desk_sources):
    data = seed_bytes.replace(
        "وفق ما أوردته مصادر محلية.".encode(),
        "وفق <script>alert(1)</script> مصادر محلية.".encode(),
    )
    import_seed(data)
    assert "<script>alert(1)</script>" in Article.objects.get().body


def test_an_agencys_notation_characters_stay_literal(seed_bytes, desk_sources):
    literal = "- وفق **مصادر** [محلية](javascript:x) و_غيرها_"
    data = seed_bytes.replace(
        "وفق ما أوردته مصادر محلية.".encode(), f"\n\n{literal}\n\n".encode()
    )
    import_seed(data)
    article = Article.objects.get()
    assert "\\- وفق \\*\\*مصادر\\*\\* \\[محلية\\](javascript:x)" in article.body
    assert format_html("<p>{}</p>", literal) in article.body_html
    assert not elements(article.body_html, "strong")
    assert not elements(article.body_html, "ul")


def test_import_query_count_does_not_grow_with_sources(
    seed_bytes, desk_sources, django_assert_max_num_queries
):
    for n in range(300):
        Source.objects.create(name=f"مصدر إضافي {n}")
    with django_assert_max_num_queries(20):
        import_seed(seed_bytes)


def test_archive_record_with_a_title_only_is_kept_as_a_draft_even_with_publish(
    desk_sources,
):
    data = (
        "<DOC>\n<DOCNO>X-1</DOCNO>\n<SRC>bbc</SRC>\n<TITLE>عنوان بلا نص</TITLE>\n"
        "<TIME>Fri, 06 Apr 2018 08:02:09 +0400</TIME>\n<TEXT>\n</TEXT>\n</DOC>\n"
    ).encode()
    result = article_import(
        data, filename="x.txt", publish=True, user=make_user("chief", superuser=True)
    )
    assert result.status == ImportStatus.CREATED
    assert result.article.status == Article.Status.DRAFT
    assert result.article.body == ""


def test_trec_archive_piece_keeps_time_byline_address_and_outlet(desk_sources):
    from pathlib import Path

    sample = Path(__file__).parent / "data" / "trec" / "173_ant-sky.txt"
    article = article_import(sample.read_bytes(), filename=sample.name).article
    assert article.published_at is not None
    assert article.original_url.startswith("http")
    assert article.byline
    assert article.sources.get().is_confirmed  # the outlet is a known source


def test_a_very_long_file_name_keeps_its_end_and_fits_its_columns(
    seed_bytes, desk_sources
):
    from articles.services.revisions import revisions_of

    name = "archive.zip/" + "مجلد-طويل/" * 40 + "000_4f78182034c9b7d2.txt"
    article = article_import(seed_bytes, filename=name).article
    assert len(article.import_filename) == 255
    assert article.import_filename.endswith("/000_4f78182034c9b7d2.txt")
    (revision,) = revisions_of(article)
    assert len(revision.reason) <= Revision._meta.get_field("reason").max_length
    assert revision.reason.endswith("000_4f78182034c9b7d2.txt")
    assert article_import(seed_bytes, filename=name).status == ImportStatus.UNCHANGED


def test_a_photo_attached_after_import_is_never_thrown_away_by_a_reimport(
    seed_bytes, desk_sources, settings, tmp_path
):
    from articles.services import image_attach_file
    from articles.tests.factories import upload

    settings.MEDIA_ROOT = tmp_path
    editor = roles.editor("editor")
    article = import_seed(seed_bytes, user=editor).article
    image = article.captions.get(position=1).image
    image_attach_file(image, file=upload(), by=editor)
    corrected = seed_bytes.replace("عدة معسكرات".encode(), "عدة معسكرات مهمة".encode())
    result = import_seed(corrected, user=editor)
    assert result.status == ImportStatus.KEPT
    assert Caption.objects.get(article=article, position=1).image.file


def test_an_edit_saved_after_import_makes_a_reimport_keep_the_article(
    seed_bytes, desk_sources
):
    from articles.services import article_save

    editor = roles.editor("editor")
    article = import_seed(seed_bytes, user=editor).article
    article.slug = "اسم-اختاره-المحرر"
    article_save(article, by=editor)  # the text is unchanged; the slug is not
    corrected = seed_bytes.replace("عدة معسكرات".encode(), "عدة معسكرات مهمة".encode())
    assert import_seed(corrected, user=editor).status == ImportStatus.KEPT
    assert Article.objects.get().slug == "اسم-اختاره-المحرر"


def test_a_photographer_is_kept_apart_from_the_agency(client, desk_sources):
    data = dump(f"{CAPTION} (تصوير: علي كريم/رويترز)", PARAGRAPH)
    result = article_import(data, filename="photo.txt")

    caption = result.article.captions.get()
    assert (caption.photographer, caption.credit.name) == ("علي كريم", "رويترز")
    assert not Source.objects.filter(name__contains="علي كريم").exists()
    assert article_text(result.article).count("(تصوير: علي كريم/رويترز)") == 1


def test_the_known_credits_are_the_confirmed_sources_and_their_spellings(desk_sources):
    Source.objects.create(name="وكالة مجهولة", is_confirmed=False)
    known = known_credits()

    assert "رويترز" in known and "Reuters" in known and "وكالة رويترز" in known
    assert "وكالة مجهولة" not in known
