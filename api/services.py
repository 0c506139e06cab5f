"""Writes on API keys: making one (the only time the key itself is known) and
revoking it."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from api.models import ApiKey


def key_digest(key: str) -> str:
    """The SHA-256 a key is stored and looked up by."""
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_key_create(partner: str, *, by) -> tuple[ApiKey, str]:
    """Make a key for ``partner``; returns it and the key itself, which is stored
    only as a hash: show it to the partner now."""
    key = secrets.token_urlsafe(32)
    api_key = ApiKey(
        partner=partner.strip(), prefix=key[:8], digest=key_digest(key), created_by=by
    )
    api_key.full_clean()
    api_key.save()
    return api_key, key


@transaction.atomic
def api_key_revoke(api_key: ApiKey, *, by) -> ApiKey:
    """Refuse ``api_key`` from now on (kept, with its history, for the record)."""
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
    return api_key
