"""The OpenAPI description (``api/openapi.py``)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_openapi_description_needs_no_key(client):
    data = client.get("/api/v1/schema/").json()

    assert data["openapi"] == "3.1.0"
    assert set(data["paths"]) == {"/items/", "/items/{id}/"}
