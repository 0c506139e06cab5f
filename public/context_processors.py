from django.conf import settings
from django.utils.functional import SimpleLazyObject

from public.navigation import main_sections


def site(request):
    # Lazy: only pages that show the navigation read the sections.
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "nav_sections": SimpleLazyObject(main_sections),
    }
