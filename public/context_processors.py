from django.conf import settings
from django.utils.functional import SimpleLazyObject

from public.navigation import breaking_news, main_sections


def site(request):
    # Lazy: only pages that show them read the sections and the breaking news.
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "nav_sections": SimpleLazyObject(main_sections),
        "breaking": SimpleLazyObject(lambda: breaking_news() or {}),
    }
