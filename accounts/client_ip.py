"""The address a sign-in attempt is counted against.

Behind a reverse proxy (``DJANGO_BEHIND_PROXY``), REMOTE_ADDR is the proxy's: the
client's address is the last hop of X-Forwarded-For, the one our own proxy appended.
Earlier hops are whatever the client sent, so trusting the first one would let an
attacker pick a new address per attempt (the lesson of CVE-2020-35590). Without a
proxy, X-Forwarded-For is ignored altogether."""

from django.conf import settings


def client_ip(request) -> str | None:
    if settings.NEWSROOM_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")
