"""Embeds by address: each provider recognised, lookalikes refused."""

import pytest

from articles.embeds import find_embed


@pytest.mark.parametrize(
    ("url", "provider", "frame"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://x.com/AJArabic/status/1790000000000000000",
            "x",
            "https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000",
        ),
        (
            "https://twitter.com/AJArabic/status/123",
            "x",
            "https://platform.twitter.com/embed/Tweet.html?id=123",
        ),
        (
            "https://www.instagram.com/p/C1a2B3c4D5e/",
            "instagram",
            "https://www.instagram.com/p/C1a2B3c4D5e/embed/",
        ),
        (
            "https://www.instagram.com/reel/C1a2B3c4D5e",
            "instagram",
            "https://www.instagram.com/reel/C1a2B3c4D5e/embed/",
        ),
        (
            "https://www.facebook.com/aljazeera/videos/1234567890/",
            "facebook",
            "https://www.facebook.com/plugins/video.php?href="
            "https%3A%2F%2Fwww.facebook.com%2Faljazeera%2Fvideos%2F1234567890%2F",
        ),
        (
            "https://www.facebook.com/watch/?v=1234567890",
            "facebook",
            "https://www.facebook.com/plugins/video.php?href="
            "https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D1234567890",
        ),
        (
            "https://fb.watch/abcDEF12/",
            "facebook",
            "https://www.facebook.com/plugins/video.php?href="
            "https%3A%2F%2Ffb.watch%2FabcDEF12%2F",
        ),
        (
            "https://soundcloud.com/artist-name/track-name",
            "soundcloud",
            "https://w.soundcloud.com/player/?url="
            "https%3A%2F%2Fsoundcloud.com%2Fartist-name%2Ftrack-name",
        ),
    ],
)
def test_each_provider_is_recognised(url, provider, frame):
    embed = find_embed(url)
    assert embed is not None
    assert (embed.provider.key, embed.url, embed.frame) == (provider, url, frame)
    assert embed.frame.startswith(embed.provider.origin + "/")


@pytest.mark.parametrize(
    "url",
    [
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://notyoutube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/?https://youtu.be/dQw4w9WgXcQ",
        "https://user@youtu.be/dQw4w9WgXcQ",
        "https://youtu.be:8443/dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UC1234567890",
        "https://x.com.evil.example/user/status/1",
        "https://evilx.com/user/status/1",
        "https://x.com/user",
        "https://twitter.com/user/likes",
        "https://instagram.com.evil.example/p/C1a2B3c4D5e/",
        "https://www.instagram.com/someone/",
        "https://facebook.com.evil.example/page/videos/1/",
        "https://www.facebook.com/page/posts/1",
        "https://www.facebook.com/watch/?v=abc",
        "https://soundcloud.com.evil.example/a/b",
        "https://soundcloud.com/artist-name",
        "https://soundcloud.com/discover/sets",
        "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
        "ftp://youtu.be/dQw4w9WgXcQ",
        "يوتيوب https://youtu.be/dQw4w9WgXcQ",
    ],
)
def test_lookalikes_and_other_addresses_are_not_embeds(url):
    assert find_embed(url) is None
