from django.urls import path, register_converter

from . import search_views, views
from .converters import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="detail-noslug"),
    path(
        "articles/<int:pk>/<uslug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("sources/<uslug:slug>/", views.SourceView.as_view(), name="source"),
    path("search/", search_views.SearchView.as_view(), name="search"),
]
