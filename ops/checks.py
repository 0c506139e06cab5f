"""What /readyz checks: each dependency a request may need, cheaply, with the reason
it failed. Nothing here writes to the database."""

import secrets

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connections


def database() -> str | None:
    """None when the default database answers a trivial query, else why not."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return f"database: {type(error).__name__}"
    return None


def cache_store() -> str | None:
    """None when the cache stores and returns a value, else why not."""
    key = f"readyz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as error:
        return f"cache: {type(error).__name__}"
    return None if ok else "cache: a stored value did not come back"


def media_storage() -> str | None:
    """None when the media storage can be listed, else why not."""
    try:
        default_storage.listdir("")
    except FileNotFoundError:
        return None  # nothing uploaded yet: the storage answers, the folder comes later
    except Exception as error:
        return f"media storage: {type(error).__name__}"
    return None


CHECKS = (database, cache_store, media_storage)


def problems() -> list[str]:
    """The reasons the site is not ready; empty when it is."""
    return [reason for check in CHECKS if (reason := check())]
