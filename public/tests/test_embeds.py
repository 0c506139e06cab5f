"""Embeds on the article page: a card and a link until the reader asks; the CSP
allows the providers' frames and nothing else from them."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains

from articles.embeds import PROVIDERS
from articles.tests.factories import make_article
from articles.tests.html import elements

pytestmark = pytest.mark.django_db


def _published(body):
    return make_article(
        status="published",
        published_at=timezone.now() - timedelta(hours=1),
        body=body,
    )


def test_an_embed_is_a_link_and_a_hidden_button_with_the_script(client):
    article = _published("مقدمة.\n\nhttps://x.com/AJArabic/status/1790000000000000000")
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert elements(
        html,
        "a",
        href="https://x.com/AJArabic/status/1790000000000000000",
        dir="ltr",
        rel="noopener noreferrer",
    )
    assertContains(
        response,
        '<button type="button" class="embed-show" hidden>اعرض المنشور</button>',
        html=True,
    )
    assert not elements(html, "iframe")
    assert elements(html, "script", src="/static/public/js/embeds.js", defer=True)


def test_a_page_without_embeds_has_no_script(client):
    article = _published("فقرة فقط.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "embeds.js" not in html


def test_the_policy_frames_only_the_providers_and_runs_no_third_party_script(client):
    article = _published("https://youtu.be/dQw4w9WgXcQ")
    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]
    directives = dict(part.partition(" ")[::2] for part in policy.split("; "))
    assert directives["frame-src"].split() == [
        "'self'",
        *(provider.origin for provider in PROVIDERS),
    ]
    assert "youtube" not in directives["script-src"]
    assert "'unsafe-inline'" not in policy
