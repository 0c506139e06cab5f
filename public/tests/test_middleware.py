"""The language middleware (``public/middleware.py``): the public pages are Arabic
whatever the browser prefers or the admin's language."""

import pytest

from articles.tests.html import elements
from public.tests.test_views import published

pytestmark = pytest.mark.django_db


def test_public_pages_are_arabic_whatever_the_browser_prefers(client):
    article = published()
    response = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert elements(response, "html", lang="ar", dir="rtl")
    assert elements(response, "dt", text="نُشر")
    assert "Accept-Language" not in response.get("Vary", "")


def test_public_pages_stay_arabic_even_after_choosing_english_in_the_admin(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    response = client.get("/", headers={"accept-language": "en"})
    assert elements(response, "html", lang="ar", dir="rtl")
