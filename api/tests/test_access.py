"""Who may read the API and how often (``api/access.py``): keys (401, 403, last use)
and the rate per key."""

import pytest

from api.models import ApiKey
from api.services import api_key_create, api_key_revoke
from api.tests.partners import ITEMS

pytestmark = pytest.mark.django_db


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
