"""The importer links a piece's byline to staff authors whose names match after
normalisation, one file at a time and in bulk; it never creates an author."""

import pytest

from articles.models import Article, Author
from articles.services.revisions import snapshot
from articles.tests.factories import editor, make_author
from ingest.files import ImportFile
from ingest.services import article_import

from .test_bulk import run

pytestmark = pytest.mark.django_db


def trec(n, byline):
    return (
        f"<DOC>\n<DOCNO>ANT-{n}</DOCNO>\n<SRC>bbc</SRC>\n<TITLE>خبر رقم {n}</TITLE>\n"
        "<TIME>2018-04-22 23:43:19 +0000</TIME>\n"
        f"<AUTHOR>{byline}</AUTHOR>\n"
        f"<TEXT>\nفقرة أولى من الخبر {n}.\nفقرة ثانية منه.\n</TEXT>\n</DOC>\n"
    ).encode()


def test_a_byline_matching_an_author_links_the_article(desk_sources):
    ashraf = make_author("أشرف عبد الحميد")
    result = article_import(trec(1, "القاهرة - اشرف عبد الحميـد"), filename="1.txt")
    article = Article.objects.for_page().get(pk=result.article.pk)
    assert article.author_list() == [ashraf]
    assert article.byline == "القاهرة - اشرف عبد الحميـد"  # kept as written
    revision = snapshot(article.revisions.first())
    assert revision.taxonomy["authors"] == ["أشرف عبد الحميد"]


def test_a_byline_matching_no_author_creates_none(desk_sources):
    make_author("أشرف عبد الحميد")
    result = article_import(trec(2, "مراسلنا في بغداد"), filename="2.txt")
    assert result.article.author_list() == []
    assert Author.objects.count() == 1


def test_a_reimport_follows_the_byline(desk_sources):
    make_author("أشرف عبد الحميد")
    sara = make_author("سارة حسن")
    first = article_import(trec(3, "أشرف عبد الحميد"), filename="3.txt").article
    again = article_import(trec(3, "سارة حسن"), filename="3.txt").article
    assert again.pk == first.pk
    assert Article.objects.for_page().get(pk=first.pk).author_list() == [sara]


def test_bulk_imports_link_bylines_in_one_query_for_the_chunk(desk_sources):
    ashraf, sara = make_author("أشرف عبد الحميد"), make_author("سارة حسن")
    files = [
        ImportFile("a.txt", trec(10, "أشرف عبد الحميد وسارة حسن")),
        ImportFile("b.txt", trec(11, "سارة حسن")),
        ImportFile("c.txt", trec(12, "كاتب من خارج الجريدة")),
    ]
    reports = run(files, user=editor("amal"))
    assert {r.status for r in reports} == {"created"}
    by_file = {
        a.import_filename: a.author_list()
        for a in Article.objects.for_page().order_by("pk")
    }
    assert by_file == {"a.txt": [ashraf, sara], "b.txt": [sara], "c.txt": []}
    assert Author.objects.count() == 2
