from urllib.parse import unquote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import Article, Author, Section, Tag, TagAlias
from articles.services import (
    article_update,
    split_tag_names,
    tag_merge,
    tags_for_names,
)
from articles.services.revisions import snapshot
from articles.services.taxonomy import authors_by_key, byline_authors

from .factories import (
    chief,
    editor,
    make_article,
    make_author,
    make_section,
    make_tag,
    make_user,
    reporter,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_sections")]


# Sections


def test_default_sections_come_with_the_database():
    names = list(Section.objects.main().values_list("name", flat=True))
    assert names[:4] == ["سياسة", "اقتصاد", "دولي", "رياضة"]
    url = Section.objects.get(name="علوم وتكنولوجيا").get_absolute_url()
    assert unquote(url) == "/sections/علوم-وتكنولوجيا/"


def test_a_section_gets_an_arabic_slug_and_nests_one_level_only():
    world = make_section("عالم الرياضة")
    assert world.slug == "عالم-الرياضة"
    football = make_section("كرة القدم", parent=world)
    football.full_clean()
    with pytest.raises(ValidationError) as error:
        Section(name="الدوري", parent=football).full_clean()
    assert error.value.error_dict["parent"][0].code == "section_too_deep"
    world.parent = make_section("أخرى")
    with pytest.raises(ValidationError):
        world.full_clean()


def test_in_section_lists_primary_other_and_subsection_articles():
    sport = make_section("رياضة عربية")
    football = make_section("كرة", parent=sport)
    primary = make_article("أساسي", section=sport)
    other = make_article("في قسم آخر أيضا", sections=[sport])
    child = make_article("في قسم فرعي", section=football)
    make_article("خارج القسم", section=make_section())
    assert set(Article.objects.in_section(sport)) == {primary, other, child}
    assert list(Article.objects.in_section(football)) == [child]


# Tags


@pytest.mark.parametrize("spelling", ["ليبيـا", "لِيبيا", "ليبيا ", "ليبيا"])
def test_a_tag_matches_whatever_the_tatweel_harakat_or_spaces(spelling):
    tag = make_tag("ليبيا")
    assert list(Tag.objects.matching(spelling)) == [tag]


def test_a_tag_matches_across_hamza_and_taa_marbuta():
    tag = make_tag("الأزمة الإقتصادية")
    assert list(Tag.objects.matching("الازمه الاقتصاديه")) == [tag]
    assert list(Tag.objects.matching("الازمة الإقتصادية")) == [tag]
    assert list(Tag.objects.matching("الأزمه الإقتصاديه")) == [tag]


def test_two_tags_cannot_share_a_key():
    make_tag("ليبيا")
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError
        make_tag("ليبيـا")


def test_typed_names_are_split_at_commas_and_matched_before_creating():
    assert split_tag_names("ليبيا، كأس العالم , ليبيـا\nغزة") == [
        "ليبيا",
        "كأس العالم",
        "غزة",
    ]
    libya = make_tag("ليبيا")
    tags = tags_for_names(["ليبيـا", "كأس العالم"], by=reporter())
    assert tags[0] == libya
    assert tags[1].name == "كأس العالم" and tags[1].slug == "كأس-العالم"
    assert Tag.objects.count() == 2


def test_only_staff_who_may_add_tags_create_them():
    make_tag("ليبيا")
    nobody = make_user("visitor", is_staff=True)
    assert tags_for_names(["ليبيا"], by=nobody)[0].name == "ليبيا"
    with pytest.raises(PermissionDenied):
        tags_for_names(["تونس"], by=nobody)
    assert not Tag.objects.filter(name="تونس").exists()


def test_merging_tags_moves_articles_and_keeps_the_name():
    libya, libya2 = make_tag("ليبيا"), make_tag("الجماهيرية")
    both = make_article("كلاهما", tags=[libya, libya2])
    only = make_article("الثاني فقط", tags=[libya2])
    with pytest.raises(PermissionDenied):
        tag_merge(libya2, into=libya, by=reporter())
    amal = editor("amal")
    with pytest.raises(ValidationError) as error:
        tag_merge(libya, into=libya, by=amal)
    assert error.value.code == "merge_into_itself"
    tag_merge(libya2, into=libya, by=amal)
    assert list(both.tags.all()) == [libya]
    assert list(only.tags.all()) == [libya]
    assert not Tag.objects.filter(name="الجماهيرية").exists()
    assert TagAlias.objects.get().tag == libya
    # The merged name now means the tag kept.
    assert tags_for_names(["الجماهيريه"], by=amal) == [libya]


# Authors


def test_an_author_has_a_page_and_valid_links():
    author = make_author("سارة الأحمد", role="مراسلة القاهرة")
    assert unquote(author.get_absolute_url()) == "/authors/سارة-الأحمد/"
    author.links = "https://example.com/sara\nليس رابطا"
    with pytest.raises(ValidationError) as error:
        author.full_clean()
    assert "links" in error.value.error_dict
    author.links = "https://example.com/sara\n\nhttps://x.com/sara"
    author.full_clean()
    assert author.link_list() == ["https://example.com/sara", "https://x.com/sara"]


def test_article_authors_keep_their_order():
    first, second = make_author("أحمد علي"), make_author("سارة حسن")
    article = make_article(authors=[second, first])
    assert [a.name for a in article.author_list()] == ["سارة حسن", "أحمد علي"]
    article = Article.objects.for_page().get(pk=article.pk)
    assert article.author_list() == [second, first]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("أحمد علي", ["أحمد علي"]),
        ("احمد علي", ["أحمد علي"]),
        ("أحمـد عَلي", ["أحمد علي"]),
        ("أحمد علي وسارة حسن", ["أحمد علي", "سارة حسن"]),
        ("سارة حسن، أحمد علي", ["سارة حسن", "أحمد علي"]),
        ("محمد وليد", ["محمد وليد"]),
        ("القاهرة - أحمد علي", ["أحمد علي"]),
        ("أحمد علي وسارة حسن - القاهرة", ["أحمد علي", "سارة حسن"]),
        ("أحمد علي ومراسل غير معروف", []),
        ("مراسلنا في بغداد", []),
        ("", []),
    ],
)
def test_a_byline_names_staff_authors_when_every_name_matches(byline, expected):
    for name in ("أحمد علي", "سارة حسن", "محمد وليد"):
        make_author(name)
    found = byline_authors(byline, authors_by_key([byline]))
    assert [a.name for a in found] == expected


def test_a_name_two_authors_share_links_to_neither():
    make_author("أحمد علي", slug="ahmad-1")
    make_author("احمد علي", slug="ahmad-2")
    assert byline_authors("أحمد علي", authors_by_key(["أحمد علي"])) == []


# Revisions


def test_section_tags_and_authors_are_in_the_revision_and_come_back():
    user = chief()
    politics, sport = (
        Section.objects.get(name="سياسة"),
        Section.objects.get(name="رياضة"),
    )
    libya = make_tag("ليبيا")
    sara, ahmad = make_author("سارة حسن"), make_author("أحمد علي")
    article = make_article(created_by=user)
    article.section = politics
    article_update(
        article,
        by=user,
        sections=[sport],
        tags=[libya],
        authors=[sara, ahmad],
    )
    first = article.revisions.first()
    recorded = snapshot(first)
    assert recorded.section == {"id": politics.pk, "name": "سياسة"}
    assert recorded.taxonomy == {
        "sections": ["رياضة"],
        "tags": ["ليبيا"],
        "authors": ["سارة حسن", "أحمد علي"],
    }
    article.section = None
    article_update(article, by=user, sections=[], tags=[], authors=[ahmad])
    assert snapshot(article.revisions.first()).taxonomy["authors"] == ["أحمد علي"]

    from articles.services import article_restore_revision

    article_restore_revision(article, revision_id=first.pk, by=user)
    article = Article.objects.get(pk=article.pk)
    assert article.section == politics
    assert list(article.sections.all()) == [sport]
    assert list(article.tags.all()) == [libya]
    assert [a.name for a in article.author_list()] == ["سارة حسن", "أحمد علي"]


def test_authors_by_key_reads_once(django_assert_num_queries):
    make_author("أحمد علي")
    with django_assert_num_queries(1):
        authors_by_key(["أحمد علي", "سارة حسن، أحمد علي"])
    assert Author.objects.count() == 1
