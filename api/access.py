"""Who may read the API, and how often: the key a request carries (``Authorization:
Bearer <key>`` or ``X-Api-Key``), its last use recorded, and a fixed window of
requests per key and minute counted in Django's cache (Redis when ``REDIS_URL`` is
set, so every app process counts together)."""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from api.models import ApiKey
from api.services import key_digest

#: A key's last use is written at most once a minute: one request in many writes.
LAST_USE_PRECISION = timedelta(minutes=1)
WINDOW_SECONDS = 60


def request_key(request) -> str:
    """The key the request carries, or ""."""
    header = request.headers.get("Authorization", "")
    scheme, _space, value = header.partition(" ")
    if scheme.casefold() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("X-Api-Key", "").strip()


def find_key(key: str) -> ApiKey | None:
    """The API key ``key`` is (revoked or not), or None (one query by index)."""
    return ApiKey.objects.filter(digest=key_digest(key)).first() if key else None


def record_use(api_key: ApiKey) -> None:
    """Note the key's use, to the minute (no write within the minute)."""
    now = timezone.now()
    ApiKey.objects.filter(pk=api_key.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USE_PRECISION)
    ).update(last_used_at=now)


def seconds_to_wait(api_key: ApiKey) -> int:
    """0 while the key is within ``NEWSROOM_API_REQUESTS_PER_MINUTE`` this minute,
    else the seconds until the next minute starts."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    counter = f"newsroom:api:rate:{api_key.pk}:{window}"
    cache.add(counter, 0, WINDOW_SECONDS + 1)
    try:
        count = cache.incr(counter)
    except ValueError:  # expired between add and incr: a new window
        cache.add(counter, 1, WINDOW_SECONDS + 1)
        count = 1
    if count <= settings.NEWSROOM_API_REQUESTS_PER_MINUTE:
        return 0
    return max(1, int(WINDOW_SECONDS - now % WINDOW_SECONDS))
