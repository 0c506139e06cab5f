from django.urls import path, register_converter

from public import feeds, search_views, views
from public.converters import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="detail-noslug"),
    path(
        "articles/<int:pk>/<uslug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("sources/<uslug:slug>/", views.SourceView.as_view(), name="source"),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("sources/<uslug:slug>/rss/", feeds.SourceFeed(), name="source-rss"),
    path("sources/<uslug:slug>/atom/", feeds.SourceAtomFeed(), name="source-atom"),
    path("search/", search_views.SearchView.as_view(), name="search"),
]
