"""A part of a piece longer than the newsroom stores fails the file, with its line,
on SQLite (which would store it whole) as on PostgreSQL (which would refuse it)."""

import pytest
from django.utils import translation

from articles.models import Article, Caption, Image, Source
from ingest.importer import ParseError, parse
from ingest.importer.limits import MAX_LENGTHS
from ingest.services import ImportStatus, article_import
from ingest.tests.importer_cases import CAPTION, PARAGRAPH, dump
from ingest.tests.test_import_articles import run


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


LONG_LEDE = ("وقال المتحدث باسم الوزارة إن المفاوضات ستستأنف " * 8).strip() + "."


def test_the_limits_are_the_lengths_of_the_columns():
    fields = {
        "headline": Article._meta.get_field("headline"),
        "byline": Article._meta.get_field("byline"),
        "original_url": Article._meta.get_field("original_url"),
        "external_id": Article._meta.get_field("external_id"),
        "source": Source._meta.get_field("name"),
        "credit_note": Caption._meta.get_field("credit_note"),
        "photographer": Caption._meta.get_field("photographer"),
        "alt": Image._meta.get_field("alt_text"),
    }
    assert {part: field.max_length for part, field in fields.items()} == MAX_LENGTHS


def test_a_body_without_headline_names_the_first_line_and_the_limit():
    data = ("\n" + LONG_LEDE + "\n\n" + PARAGRAPH + "\n").encode()
    with pytest.raises(ParseError) as error:
        parse(data, filename="lede.txt")
    assert error.value.code == "too_long"
    assert error.value.line == 2
    assert str(error.value) == (
        f"lede.txt, line 2: the headline is {len(LONG_LEDE)} characters long; "
        "at most 300 fit"
    )


def test_a_headline_of_exactly_the_limit_is_imported(desk_sources):
    headline = ("عنوان " * 60)[:300].strip() + "ة"
    assert len(headline) == 300
    result = article_import(dump(PARAGRAPH, headline=headline), filename="a.txt")
    assert result.status == ImportStatus.CREATED
    assert Article.objects.get().headline == headline


@pytest.mark.parametrize(
    ("credit", "message"),
    [
        ("(وكالة " + "ر" * 98 + ")", "the source name is 104 characters long"),
        (
            "(تصوير: " + "علي" * 40 + "/رويترز)",
            "the photographer's name is 120 characters long",
        ),
    ],
)
def test_a_figure_whose_credit_does_not_fit_names_the_figure_line(
    credit, message, desk_sources
):
    data = dump(PARAGRAPH, f"{CAPTION} {credit}", PARAGRAPH)
    result = article_import(data, filename="figure.txt")
    assert result.status == ImportStatus.FAILED
    assert result.message.startswith(f"figure.txt, line 5: {message}")
    assert not Article.objects.exists()
    assert not Source.objects.filter(is_confirmed=False).exists()


def test_the_import_command_fails_that_file_and_imports_the_others(
    tmp_path, seed_bytes, desk_sources
):
    (tmp_path / "seed.txt").write_bytes(seed_bytes)
    (tmp_path / "lede.txt").write_text(LONG_LEDE + "\n\n" + PARAGRAPH + "\n")
    code, out, err = run(tmp_path)
    assert code == 1
    assert "lede.txt, line 1: the headline is" in err
    assert "Traceback" not in out + err
    assert list(Article.objects.values_list("headline", flat=True)) == [
        parse(seed_bytes).headline
    ]
