from functools import cache

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from public import navigation


def site(request):
    # Lazy: only pages that show them read the sections and the breaking news, in
    # one cache read for both.
    chrome = cache(navigation.chrome)
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: navigation.main_sections(chrome())),
        "breaking": SimpleLazyObject(lambda: navigation.breaking_news(chrome()) or {}),
    }
