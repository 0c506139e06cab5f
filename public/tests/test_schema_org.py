"""Every public page's JSON-LD is schema.org: its types and properties are in the
vocabulary, each property on a type that may carry it (see ``schema_org.py``)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Correction, Section
from articles.tests.factories import (
    make_article,
    make_author,
    make_caption,
    make_section,
    make_source,
    make_tag,
)
from public.tests.schema_org import assert_schema_org, json_ld, schema_org_errors
from public.tests.test_views import make_photo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_sections")]
pytest.importorskip("extruct")


@pytest.fixture
def story():
    football = make_section("كرة القدم", parent=Section.objects.get(name="رياضة"))
    author = make_author(
        "سارة حسن",
        role="مراسلة",
        bio="تغطي الرياضة من الدوحة.",
        links="https://example.org/sara",
    )
    article = make_article(
        headline="المنتخب يتأهل",
        status="published",
        published_at=timezone.now() - timedelta(hours=2),
        section=football,
        tags=[make_tag("كأس العالم")],
        authors=[author],
        sources=[make_source(name="رويترز")],
    )
    make_caption(article, image=make_photo(alt_text="لاعبون"), credit=make_source())
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.CORRECTION,
        text="الصحيح أن المباراة في الدوحة",
        published_at=timezone.now() - timedelta(hours=1),
    )
    return article


def pages(story):
    yield story.get_absolute_url()
    yield "/"
    yield story.section.get_absolute_url()  # a subsection, with its trail
    yield story.section.parent.get_absolute_url()
    yield story.tags.get().get_absolute_url()
    yield story.author_list()[0].get_absolute_url()
    yield "/corrections/"


def test_every_pages_json_ld_is_schema_org(client, story):
    types = set()
    for url in pages(story):
        response = client.get(url)
        assert response.status_code == 200, url
        for block in assert_schema_org(response.content):
            types |= {node["@type"] for node in block.get("@graph", [block])}
    assert {
        "NewsArticle",
        "BreadcrumbList",
        "WebSite",
        "CollectionPage",
        "ProfilePage",
    } <= types


def test_the_author_page_describes_the_person(client, story):
    author = story.author_list()[0]
    (page,) = assert_schema_org(client.get(author.get_absolute_url()).content)
    assert page["mainEntity"]["@type"] == "Person"
    assert page["mainEntity"]["jobTitle"] == "مراسلة"
    assert page["mainEntity"]["sameAs"] == ["https://example.org/sara"]


def test_a_section_page_carries_its_trail(client, story):
    (page,) = assert_schema_org(client.get(story.section.get_absolute_url()).content)
    names = [item["name"] for item in page["breadcrumb"]["itemListElement"]]
    assert names == ["نيوزروم", "رياضة", "كرة القدم"]


@pytest.mark.parametrize(
    ("block", "error"),
    [
        # An unknown property, and a known one on a type that may not carry it.
        ({"@type": "NewsArticle", "headlinee": "x"}, "headlinee is not a schema.org"),
        ({"@type": "Organization", "jobTitle": "x"}, "jobTitle is not a property of"),
        # An unknown type, and a typo in a nested node.
        ({"@type": "NewsArtikel", "headline": "x"}, "NewsArtikel is not a schema.org"),
        (
            {"@type": "NewsArticle", "author": {"@type": "Person", "nam": "x"}},
            "/author/nam: nam is not a schema.org property",
        ),
        # Inside a @graph, and a node that says no type.
        ({"@graph": [{"@type": "WebSite", "articleBody": "x"}]}, "not a property"),
        ({"@type": "NewsArticle", "author": {"name": "x"}}, "no @type"),
        # An action's input specification stands for its property only.
        ({"@type": "WebSite", "query-input": "x"}, "query-input is not a schema"),
    ],
)
def test_the_check_finds_what_is_not_schema_org(block, error):
    errors = schema_org_errors([{"@context": "https://schema.org", **block}])
    assert any(error in e for e in errors), errors


def test_the_check_follows_subclass_chains():
    # articleSection is an Article's, keywords a CreativeWork's, name a Thing's:
    # a NewsArticle inherits all three; query-input is SearchAction's query.
    block = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "articleSection": "x",
        "keywords": ["x"],
        "name": "x",
        "potentialAction": {"@type": "SearchAction", "query-input": "x"},
    }
    assert schema_org_errors([block]) == []


def test_the_check_fails_a_page_with_a_wrong_property(client, story, monkeypatch):
    from public import pages as page_data

    real = page_data.list_page_data

    def wrong(*args, **kwargs):
        return real(*args, **kwargs) | {"authorr": "x"}

    monkeypatch.setattr(page_data, "list_page_data", wrong)
    html = client.get(story.tags.get().get_absolute_url()).content
    with pytest.raises(AssertionError, match=r"authorr is not a schema\.org property"):
        assert_schema_org(html)
    assert json_ld(html)
