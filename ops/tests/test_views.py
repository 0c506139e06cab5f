"""/healthz and /readyz: cheap, never cached, honest about what is down."""

import logging

import pytest
from django.core.files.storage import default_storage
from django.db import connections

from ops import checks

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_readyz_says_ready_when_everything_answers(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"ready": True, "problems": []}
    assert "no-store" in response["Cache-Control"]


def test_readyz_names_each_dependency_that_fails(client, monkeypatch, caplog):
    def broken_cursor(*args, **kwargs):
        raise connections["default"].Database.OperationalError("down")

    def broken_listdir(path):
        raise PermissionError(path)

    monkeypatch.setattr(connections["default"], "cursor", broken_cursor)
    monkeypatch.setattr(default_storage, "listdir", broken_listdir)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "ready": False,
        "problems": ["database: OperationalError", "media storage: PermissionError"],
    }
    assert not caplog.records  # not logged as an error at every probe


def test_readyz_refuses_writes(client):
    assert client.post("/readyz").status_code == 405


def test_a_cache_that_loses_values_is_not_ready(monkeypatch):
    monkeypatch.setattr(checks.cache, "get", lambda key: None)
    assert checks.cache_store() == "cache: a stored value did not come back"
