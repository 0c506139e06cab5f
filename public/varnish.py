"""Tell the HTTP caches in front (Varnish, ``deploy/varnish/newsroom.vcl``) that the
public pages changed, as Wagtail's ``frontend_cache`` does: a ``BAN`` request to each
address in ``NEWSROOM_VARNISH_BAN_URLS`` (empty, the default: no cache in front).

Site-wide, as the app's own cache is (``public.freshness``): Varnish drops every
response marked ``X-Newsroom-Page`` (the public pages), not the static files.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger("newsroom")

#: The header public pages carry so that a ban reaches them and nothing else.
PAGE_MARKER = "X-Newsroom-Page"
TIMEOUT_SECONDS = 2


def ban_public_pages() -> None:
    """Send ``BAN`` to every configured Varnish; log, never raise, when one fails
    (the write already committed; its pages expire with their max-age anyway)."""
    for url in settings.NEWSROOM_VARNISH_BAN_URLS:
        if not url.startswith(("http://", "https://")):
            logger.error("NEWSROOM_VARNISH_BAN_URLS: %r is not an http(s) address", url)
            continue
        # http(s) only, checked above.
        request = urllib.request.Request(url, method="BAN")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):  # noqa: S310  # nosec B310 # http(s) checked above
                pass
        except (OSError, urllib.error.URLError) as error:
            logger.warning("Varnish at %s did not take the ban: %s", url, error)
