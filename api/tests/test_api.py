"""The partners' read API: keys (401, 403, last use), the rate per key, published
articles only as valid ninjs 3.1, cursor pagination and filters, ETag/304 and the
cache, the OpenAPI description, and the keys in the desk."""

import json
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.models import ApiKey
from api.services import api_key_create, api_key_revoke
from articles.models import Article
from articles.tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db
ITEMS = "/api/v1/items/"
SCHEMA = (
    Path(settings.BASE_DIR) / "ingest" / "schemas" / "ninjs" / "ninjs-schema_3.1.json"
)


@lru_cache
def ninjs_validator():
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))


@pytest.fixture
def key():
    return api_key_create("وكالة شريكة", by=None)[1]


@pytest.fixture
def partner(client, key):
    """A client sending the partner's key with every request."""
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def published(count, **fields):
    """``count`` published articles, an hour apart, the newest first."""
    now = timezone.now()
    return [
        make_article(
            headline=f"خبر رقم {n}",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=n + 1),
            **fields,
        )
        for n in range(count)
    ]


def test_no_key_or_an_unknown_key_is_401_in_json(client):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer nope"}, {"HTTP_X_API_KEY": "x"}):
        response = client.get(ITEMS, **headers)

        assert response.status_code == 401
        assert response.json()["error"] == "no_key"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_key_is_403_in_json(client, key):
    api_key_revoke(ApiKey.objects.get(), by=None)

    response = client.get(ITEMS, HTTP_X_API_KEY=key)

    assert response.status_code == 403
    assert response.json()["error"] == "revoked_key"


def test_the_key_last_use_is_recorded(partner):
    assert ApiKey.objects.get().last_used_at is None

    assert partner.get(ITEMS).status_code == 200

    assert ApiKey.objects.get().last_used_at is not None


def test_a_key_over_its_rate_waits_for_the_next_minute(partner, settings):
    settings.NEWSROOM_API_REQUESTS_PER_MINUTE = 2
    assert [partner.get(ITEMS).status_code for _ in range(2)] == [200, 200]

    response = partner.get(ITEMS)

    assert response.status_code == 429
    assert response.json()["error"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    other = api_key_create("شريك آخر", by=None)[1]
    assert partner.get(ITEMS, HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 200


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


def test_the_openapi_description_needs_no_key(client):
    data = client.get("/api/v1/schema/").json()

    assert data["openapi"] == "3.1.0"
    assert set(data["paths"]) == {"/items/", "/items/{id}/"}


def test_only_get_is_answered(partner):
    response = partner.post(ITEMS)

    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"


def test_the_desk_makes_a_key_shown_once_and_revokes_it(admin_client, client):
    response = admin_client.post(
        "/admin/api/apikey/add/", {"partner": "شبكة الأخبار"}, follow=True
    )
    api_key = ApiKey.objects.get()
    words = " ".join(str(m) for m in response.context["messages"]).split()
    (key,) = [word for word in words if word.startswith(api_key.prefix)]
    assert client.get(ITEMS, HTTP_X_API_KEY=key).status_code == 200

    admin_client.post(
        "/admin/api/apikey/",
        {"action": "revoke", "_selected_action": [api_key.pk]},
    )

    assert client.get(ITEMS, HTTP_X_API_KEY=key).status_code == 403


def test_a_cached_response_is_never_given_to_a_request_without_a_key(partner, key):
    published(1)
    assert partner.get(ITEMS).status_code == 200
    del partner.defaults["HTTP_AUTHORIZATION"]

    response = partner.get(ITEMS)

    assert response.status_code == 401
    assert partner.get(ITEMS, HTTP_X_API_KEY=key).status_code == 200
