"""Embeds: a post or a video of a third party, placed by its address alone on a line.

Only the providers below are recognised, by exact host (``youtube.com.evil.example`` or
``notyoutube.com`` are not YouTube) and by the shape of the address; anything else on a
line of its own stays text. A recognised embed is shown to readers as a card (the
provider, the address as a link and a button): the provider's frame is loaded only when
the reader presses the button (``public/static/public/js/embeds.js``), so the page
loads nothing from a third party and the CSP only has to allow the frames' origins.
Pure: no Django imports (the importer and the body parser use it).
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class Provider:
    """A provider of embeds: ``name`` shown on the card, ``kind`` "video", "audio"
    or "post" (the button's wording), ``origin`` the frames' origin for the CSP."""

    key: str
    name: str
    kind: str
    origin: str


YOUTUBE = Provider("youtube", "YouTube", "video", "https://www.youtube-nocookie.com")
X = Provider("x", "X", "post", "https://platform.twitter.com")
INSTAGRAM = Provider("instagram", "Instagram", "post", "https://www.instagram.com")
FACEBOOK = Provider("facebook", "Facebook", "video", "https://www.facebook.com")
SOUNDCLOUD = Provider("soundcloud", "SoundCloud", "audio", "https://w.soundcloud.com")
PROVIDERS = (YOUTUBE, X, INSTAGRAM, FACEBOOK, SOUNDCLOUD)
#: The origins the CSP's ``frame-src`` allows (settings.SECURE_CSP).
FRAME_ORIGINS = tuple(provider.origin for provider in PROVIDERS)

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_PATH = re.compile(r"^/(?:shorts|embed|live)/([A-Za-z0-9_-]{11})/?$")
_X_PATH = re.compile(r"^/(?:[A-Za-z0-9_]{1,15}|i/web)/status/([0-9]{1,20})/?$")
_INSTAGRAM_PATH = re.compile(r"^/(?:[A-Za-z0-9_.]+/)?(p|reel|tv)/([A-Za-z0-9_-]+)/?$")
_FACEBOOK_PATH = re.compile(r"^/(?:[A-Za-z0-9.]+/videos/(?:[^/]+/)?[0-9]+|watch)/?$")
_FB_WATCH_PATH = re.compile(r"^/[A-Za-z0-9_-]+/?$")
_SOUNDCLOUD_PATH = re.compile(
    r"^/[a-z0-9_-]+/(?!sets/?$)[a-z0-9_-]+(?:/s-[A-Za-z0-9]+)?/?$"
)
_SOUNDCLOUD_RESERVED = {
    "discover",
    "stream",
    "search",
    "upload",
    "you",
    "charts",
    "pages",
}


@dataclass(frozen=True)
class Embed:
    """A recognised embed: the ``provider``, the ``url`` as written and the ``frame``
    address loaded (only) when the reader asks."""

    provider: Provider
    url: str
    frame: str


def _hosts(*names: str) -> frozenset[str]:
    return frozenset(names) | {f"www.{name}" for name in names}


def find_embed(text: str) -> Embed | None:
    """Return the embed the address ``text`` names, or None when it is not an address
    of a known provider's post or video."""
    if not URL_RE.match(text):
        return None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.username or parts.password or port is not None:
        return None
    path, query = parts.path, parse_qs(parts.query)
    frame = _frame(host, path, query, text)
    if frame is None:
        return None
    return Embed(frame[0], text, frame[1])


def _frame(host, path, query, url):
    """Return ``(provider, frame address)`` for a known address, else None."""
    if host in _hosts("youtube.com") | {"m.youtube.com"}:
        video = query.get("v", [""])[0] if path in ("/watch", "/watch/") else ""
        match = _YOUTUBE_PATH.match(path)
        video = match[1] if match else video
        if _YOUTUBE_ID.match(video):
            return YOUTUBE, f"{YOUTUBE.origin}/embed/{video}"
    elif host == "youtu.be":
        video = path.strip("/")
        if _YOUTUBE_ID.match(video):
            return YOUTUBE, f"{YOUTUBE.origin}/embed/{video}"
    elif host in _hosts("twitter.com", "x.com") | {
        "mobile.twitter.com",
        "mobile.x.com",
    }:
        if match := _X_PATH.match(path):
            return X, f"{X.origin}/embed/Tweet.html?id={match[1]}"
    elif host in _hosts("instagram.com"):
        if match := _INSTAGRAM_PATH.match(path):
            return INSTAGRAM, f"{INSTAGRAM.origin}/{match[1]}/{match[2]}/embed/"
    elif host in _hosts("facebook.com") | {"m.facebook.com"}:
        watch = path.rstrip("/") != "/watch" or query.get("v", [""])[0].isdigit()
        if _FACEBOOK_PATH.match(path) and watch:
            return FACEBOOK, _plugin(FACEBOOK, "/plugins/video.php?href=", url)
    elif host == "fb.watch":
        if _FB_WATCH_PATH.match(path):
            return FACEBOOK, _plugin(FACEBOOK, "/plugins/video.php?href=", url)
    elif host in _hosts("soundcloud.com") | {"m.soundcloud.com"}:
        user = path.strip("/").split("/")[0]
        if _SOUNDCLOUD_PATH.match(path) and user not in _SOUNDCLOUD_RESERVED:
            return SOUNDCLOUD, _plugin(SOUNDCLOUD, "/player/?url=", url)
    return None


def _plugin(provider: Provider, prefix: str, url: str) -> str:
    return f"{provider.origin}{prefix}{quote(url, safe='')}"
