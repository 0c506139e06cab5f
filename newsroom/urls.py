import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.static import serve as static_serve

from public.page_cache import public_page
from public.sitemaps import SITEMAPS, NewsSitemap
from public.views import robots_txt

sitemap_cache = public_page(max_age=60 * 15)

urlpatterns = [
    path("", include("ops.urls")),
    # Before the admin's own URLs: "sessions" and "two-factor" are no apps of the
    # admin's.
    path("admin/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("api.urls")),
    path("robots.txt", robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_cache(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    # Before the generic section so that the index's link to "news" lands here.
    path(
        "sitemap-news.xml",
        sitemap_cache(sitemap_views.sitemap),
        {
            "sitemaps": {"news": NewsSitemap},
            "section": "news",
            "template_name": "sitemaps/news.xml",
        },
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_cache(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("", include("public.urls")),
]
if settings.SERVE_MEDIA:
    # Uploaded photos (checked on upload: JPEG, PNG, WebP or GIF only). A file's name
    # never changes once stored, so browsers may keep it.

    @cache_control(public=True, max_age=60 * 60 * 24 * 7)
    def serve_media(request, path):
        return static_serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve_media
        )
    ]
