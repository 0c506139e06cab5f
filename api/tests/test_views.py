"""The partners' read API (``api/views.py``): published articles only as valid ninjs
3.1, cursor pagination and filters, ETag/304 and the cache."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.tests.partners import ITEMS, ninjs_validator, published
from articles.models import Article
from articles.tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db


def test_only_published_articles_newest_first_as_valid_ninjs(partner):
    articles = published(3)
    make_article(headline="مسودة")
    make_article(
        headline="مجدولة",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=1),
    )

    data = partner.get(ITEMS).json()

    assert [item["headlines"][0]["value"] for item in data["items"]] == [
        a.headline for a in articles
    ]
    assert data["next"] is None
    for item in data["items"]:
        assert not list(ninjs_validator().iter_errors(item))
        assert item["language"] == "ar"
        assert item["uri"].startswith("urn:newsroom:article:")


def test_the_cursor_walks_every_page_without_overlap(partner):
    articles = published(5)
    seen, address = [], f"{ITEMS}?limit=2"

    while address:
        data = partner.get(address).json()
        seen += [item["uri"] for item in data["items"]]
        address = data["next"]

    assert seen == [f"urn:newsroom:article:{a.pk}" for a in articles]


def test_filters_by_source_and_since(partner):
    reuters = make_source("رويترز", slug="reuters")
    older, newer = published(2)[::-1]
    older.sources.set([reuters])

    by_source = partner.get(ITEMS, {"source": "reuters"}).json()["items"]
    since = partner.get(ITEMS, {"since": newer.published_at.isoformat()}).json()

    assert [i["uri"] for i in by_source] == [f"urn:newsroom:article:{older.pk}"]
    assert [i["uri"] for i in since["items"]] == [f"urn:newsroom:article:{newer.pk}"]


def test_filters_by_section_with_its_subsections_and_by_tag(partner):
    from articles.tests.factories import make_section, make_tag

    economy = make_section("اقتصاد المنطقة", slug="economy")
    energy = make_section("طاقة", slug="energy", parent=economy)
    oil = make_tag("نفط", slug="oil")
    first, second, third = published(3)[::-1]
    first.section = economy
    first.save()
    second.section = energy
    second.save()
    third.tags.set([oil])

    def uris(query):
        return [i["uri"] for i in partner.get(ITEMS, query).json()["items"]]

    assert uris({"section": "economy"}) == [
        f"urn:newsroom:article:{a.pk}" for a in (second, first)
    ]
    assert uris({"tag": "oil"}) == [f"urn:newsroom:article:{third.pk}"]
    assert uris({"tag": "oil", "section": "economy"}) == []


@pytest.mark.parametrize(
    "query",
    [
        {"section": "nowhere"},
        {"tag": "nothing"},
        {"limit": "0"},
        {"limit": "abc"},
        {"since": "yesterday"},
        {"cursor": "@@"},
        {"source": "nobody"},
    ],
)
def test_a_parameter_the_api_cannot_read_is_400_in_json(partner, query):
    response = partner.get(ITEMS, query)

    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


def test_one_item_and_404_for_anything_unpublished(partner):
    (article,) = published(1)
    draft = make_article(headline="مسودة")

    item = partner.get(f"{ITEMS}{article.pk}/").json()
    missing = partner.get(f"{ITEMS}{draft.pk}/")

    assert item["headlines"][0]["value"] == article.headline
    assert item["version"] == str(article.version)
    assert (missing.status_code, missing.json()["error"]) == (404, "not_found")


def test_a_conditional_request_is_304_until_the_site_changes(partner):
    (article,) = published(1)
    first = partner.get(ITEMS)
    assert first["Cache-Control"] == "private, no-cache"

    again = partner.get(ITEMS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]

    article.headline = "عنوان جديد"
    article.save()
    changed = partner.get(ITEMS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["items"][0]["headlines"][0]["value"] == "عنوان جديد"


def test_a_repeated_request_is_answered_from_the_cache(
    partner, django_assert_max_num_queries
):
    published(3)
    first = partner.get(ITEMS)

    with django_assert_max_num_queries(2):  # the key, and its last use
        again = partner.get(ITEMS)

    assert again.content == first.content


def test_the_listing_queries_do_not_grow_with_the_page(partner):
    def queries():
        cache.clear()  # made afresh, not from the cache
        with CaptureQueriesContext(connection) as captured:
            assert partner.get(ITEMS).status_code == 200
        return len(captured.captured_queries)

    published(2)
    few = queries()
    published(6)

    assert queries() == few


def test_only_get_is_answered(partner):
    response = partner.post(ITEMS)

    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"


def test_a_cached_response_is_never_given_to_a_request_without_a_key(partner, key):
    published(1)
    assert partner.get(ITEMS).status_code == 200
    del partner.defaults["HTTP_AUTHORIZATION"]

    response = partner.get(ITEMS)

    assert response.status_code == 401
    assert partner.get(ITEMS, HTTP_X_API_KEY=key).status_code == 200
