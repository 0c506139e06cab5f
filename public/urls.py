from django.urls import path, register_converter

from public import feeds, search_views, views
from public.converters import UnicodeSlugConverter
from public.page_cache import public_page

register_converter(UnicodeSlugConverter, "uslug")

# Every page readers see is cached whole for anonymous readers and answers
# conditional requests without rendering (public.page_cache).
page = public_page(max_age=60)
article_page = public_page(max_age=300)

app_name = "articles"
urlpatterns = [
    path("", page(views.HomeView.as_view()), name="home"),
    path("archive/", page(views.ArchiveView.as_view()), name="archive"),
    path(
        "articles/<int:pk>/",
        article_page(views.ArticleDetailView.as_view()),
        name="detail-noslug",
    ),
    path(
        "articles/<int:pk>/<uslug:slug>/",
        article_page(views.ArticleDetailView.as_view()),
        name="detail",
    ),
    path("sources/<uslug:slug>/", page(views.SourceView.as_view()), name="source"),
    path("sections/<uslug:slug>/", page(views.SectionView.as_view()), name="section"),
    path("tags/<uslug:slug>/", page(views.TagView.as_view()), name="tag"),
    path("authors/<uslug:slug>/", page(views.AuthorView.as_view()), name="author"),
    path("feeds/rss/", page(feeds.LatestArticlesFeed()), name="feed-rss"),
    path("feeds/atom/", page(feeds.LatestArticlesAtomFeed()), name="feed-atom"),
    path("sources/<uslug:slug>/rss/", page(feeds.SourceFeed()), name="source-rss"),
    path(
        "sources/<uslug:slug>/atom/", page(feeds.SourceAtomFeed()), name="source-atom"
    ),
    path("corrections/", page(views.CorrectionsView.as_view()), name="corrections"),
    path("corrections/rss/", page(feeds.CorrectionsFeed()), name="corrections-rss"),
    *(
        path(f"{prefix}/<uslug:slug>/{kind}/", page(feed()), name=f"{name}-{kind}")
        for prefix, name, feeds_of in [
            ("sections", "section", (feeds.SectionFeed, feeds.SectionAtomFeed)),
            ("tags", "tag", (feeds.TagFeed, feeds.TagAtomFeed)),
            ("authors", "author", (feeds.AuthorFeed, feeds.AuthorAtomFeed)),
        ]
        for kind, feed in zip(("rss", "atom"), feeds_of, strict=True)
    ),
    path("search/", page(search_views.SearchView.as_view()), name="search"),
]
