import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Image, Source, SourceAlias
from articles.services import source_confirm, source_merge
from articles.tests.html import elements

from .factories import chief, editor, make_article, make_caption, make_source

pytestmark = pytest.mark.django_db


def test_merge_moves_every_reference_and_keeps_the_name():
    reuters = make_source(name="رويترز", name_en="Reuters")
    typo = make_source(
        name="رويتر", name_en="Reuter", url="https://example.com", is_confirmed=False
    )
    SourceAlias.objects.create(source=typo, name="وكالة رويتر")
    only_typo = make_article(headline="أ", sources=[typo])
    both = make_article(headline="ب", sources=[typo, reuters])
    photo = Image.objects.create(alt_text="صورة", credit=typo)
    caption = make_caption(only_typo, position=1, credit=typo)

    merged = source_merge(typo, into=reuters, by=chief())

    assert merged == reuters
    assert not Source.objects.filter(pk=typo.pk).exists()
    assert list(only_typo.sources.all()) == [reuters]
    assert list(both.sources.all()) == [reuters]
    photo.refresh_from_db()
    caption.refresh_from_db()
    assert photo.credit == reuters and caption.credit == reuters
    assert sorted(reuters.aliases.values_list("name", flat=True)) == [
        "Reuter",
        "رويتر",
        "وكالة رويتر",
    ]
    reuters.refresh_from_db()
    assert reuters.url == "https://example.com"
    assert reuters.name_en == "Reuters"
    counted = Source.objects.with_counts().get(pk=reuters.pk)
    assert (counted.article_count, counted.photo_count) == (2, 2)


def test_merge_into_itself_is_refused():
    source = make_source()
    with pytest.raises(ValidationError) as refusal:
        source_merge(source, into=source, by=chief())
    assert refusal.value.code == "merge_into_itself"


def test_only_the_chief_editor_merges_and_confirms():
    one, two = make_source(), make_source(is_confirmed=False)
    desk = editor()
    with pytest.raises(PermissionDenied):
        source_merge(two, into=one, by=desk)
    with pytest.raises(PermissionDenied):
        source_confirm(two, by=desk)
    assert Source.objects.filter(pk=two.pk, is_confirmed=False).exists()
    boss = chief()
    assert source_confirm(two, by=boss).is_confirmed
    assert source_merge(two, into=one, by=boss) == one


def test_merge_screen_asks_which_source_stays(client):
    client.force_login(chief())
    kept = make_source(name="الأناضول")
    other = make_source(name="وكالة الاناضول", is_confirmed=False)
    make_article(sources=[other])
    selected = {"action": "merge_sources", "_selected_action": [kept.pk, other.pk]}
    response = client.post("/admin/articles/source/", selected)
    assert response.status_code == 200
    assert [
        (e.attrs["value"], "checked" in e.attrs)
        for e in elements(response, name="into")
    ] == [
        (str(kept.pk), True),
        (str(other.pk), False),
    ]
    assert Source.objects.count() == 2

    response = client.post(
        "/admin/articles/source/", {**selected, "confirm": "yes", "into": kept.pk}
    )
    assert response.status_code == 302
    assert list(Source.objects.all()) == [kept]
    assert kept.articles.count() == 1
    assert kept.aliases.filter(name="وكالة الاناضول").exists()


def test_merge_needs_two_sources(client):
    client.force_login(chief())
    one = make_source()
    response = client.post(
        "/admin/articles/source/",
        {"action": "merge_sources", "_selected_action": [one.pk]},
    )
    assert response.status_code == 302
    assert Source.objects.filter(pk=one.pk).exists()


def test_confirm_action(client):
    client.force_login(chief())
    source = make_source(is_confirmed=False)
    client.post(
        "/admin/articles/source/",
        {"action": "confirm_sources", "_selected_action": [source.pk]},
    )
    source.refresh_from_db()
    assert source.is_confirmed


def test_source_list_counts_without_per_row_queries(client):
    client.force_login(chief())

    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/articles/source/")
        assert response.status_code == 200
        return len(queries), response.content.decode()

    wafa = make_source(name="وفا")
    make_article(sources=[wafa])
    few, _html = list_queries()
    for number in range(15):
        source = make_source(name=f"مصدر {number}")
        article = make_article(sources=[source, wafa])
        make_caption(article, position=1, credit=source)
    many, html = list_queries()
    assert many == few
    row = next(row for row in html.split("</tr>") if elements(row, "a", text="وفا"))
    assert [e.text for e in elements(row, "td", class_="field-article_count")] == ["16"]


def test_source_search_ignores_hamza_and_finds_spellings(client):
    client.force_login(chief())
    ap = make_source(name="أسوشيتد برس", name_en="Associated Press")
    SourceAlias.objects.create(source=ap, name="اسوشيتدبرس")
    make_source(name="رويترز")
    for term in ["اسوشيتد", "Associated", "اسوشيتدبرس"]:
        html = client.get("/admin/articles/source/", {"q": term}).content.decode()
        assert "أسوشيتد برس" in html and "رويترز" not in html, term
