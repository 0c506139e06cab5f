"""Helpers shared by the API tests (no tests here): the listing's address, the ninjs
3.1 schema its items must validate against, and published articles to list."""

import json
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import jsonschema
from django.conf import settings
from django.utils import timezone

from articles.models import Article
from articles.tests.factories import make_article

ITEMS = "/api/v1/items/"


SCHEMA = (
    Path(settings.BASE_DIR) / "ingest" / "schemas" / "ninjs" / "ninjs-schema_3.1.json"
)


@lru_cache
def ninjs_validator():
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))


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
