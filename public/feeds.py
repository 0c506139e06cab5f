"""RSS and Atom feeds: the latest articles, and the latest of each source, section,
tag and author."""

import copy
import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.files.storage import default_storage
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Author, Correction, Section, Source, Tag
from public import pages

FEED_SIZE = 30
FEED_MAX_AGE = 300


class LatestArticlesFeed(Feed):
    """RSS 2.0 feed of the latest published articles."""

    language = "ar"
    item_guid_is_permalink = True
    description = _("The latest articles.")
    url_name = "feed-rss"

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request: work on a copy that knows this one.
        feed = copy.copy(self)
        feed.request = request
        response = Feed.__call__(feed, request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def title(self):
        return settings.NEWSROOM_SITE_NAME

    def link(self):
        return reverse("articles:home")

    def feed_url(self):
        return reverse(f"articles:{self.url_name}")

    def author_name(self):
        return settings.NEWSROOM_SITE_NAME

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.articles(obj).newest_first().for_listing()[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # The description is HTML: escape the plain-text summary into it.
        return escape(pages.summary(item))

    def item_guid(self, item):
        # The address without the slug never changes, even when the headline does.
        url = reverse("articles:detail-noslug", kwargs={"pk": item.pk})
        return self.request.build_absolute_uri(url)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return pages.modified_at(item)

    def item_author_name(self, item):
        return item.byline or None

    def item_enclosures(self, item):
        """The lead photo (``for_listing()`` annotates it), when there is one. Its
        size in bytes is not known without reading the file: RSS readers take 0."""
        if not item.lead_photo:
            return []
        url = self.request.build_absolute_uri(default_storage.url(item.lead_photo))
        mime_type = mimetypes.guess_type(item.lead_photo)[0] or "image/jpeg"
        return [Enclosure(url, "0", mime_type)]

    def item_categories(self, item):
        return [source.name for source in item.sources.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
    url_name = "feed-atom"


class SourceFeed(LatestArticlesFeed):
    """RSS 2.0 feed of the latest published articles of one source."""

    url_name = "source-rss"
    owner_model = Source

    def get_object(self, request, slug):
        return get_object_or_404(self.owner_model, slug=slug)

    def title(self, obj):
        return f"{obj.name} | {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj):
        return _("The latest articles from %(source)s.") % {"source": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse(f"articles:{self.url_name}", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return Article.objects.published().from_source(obj)


class SourceAtomFeed(SourceFeed):
    feed_type = Atom1Feed
    url_name = "source-atom"

    def subtitle(self, obj):
        return self.description(obj)


class CorrectionsFeed(LatestArticlesFeed):
    """RSS 2.0 feed of the latest corrections and clarifications, each linking to
    its article."""

    description = _("The latest corrections and clarifications.")
    url_name = "corrections-rss"
    # Its guid is the note's place on /corrections/; its link is the article.
    item_guid_is_permalink = False

    def title(self):
        return f"{_('Corrections')} | {settings.NEWSROOM_SITE_NAME}"

    def link(self):
        return reverse("articles:corrections")

    def items(self, obj=None):
        return Correction.objects.for_corrections_page()[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        return escape(item.text)

    def item_link(self, item):
        return item.article.get_absolute_url()

    def item_guid(self, item):
        url = reverse("articles:corrections")
        return self.request.build_absolute_uri(f"{url}#correction-{item.pk}")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return None

    def item_categories(self, item):
        return [item.get_kind_display()]

    def item_enclosures(self, item):
        return []


class SectionFeed(SourceFeed):
    """RSS 2.0 feed of the latest published articles of one section."""

    url_name = "section-rss"
    owner_model = Section

    def description(self, obj):
        return obj.description or _("The latest articles in %(section)s.") % {
            "section": obj.name
        }

    def articles(self, obj):
        return Article.objects.published().in_section(obj)


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    url_name = "section-atom"

    def subtitle(self, obj):
        return self.description(obj)


class TagFeed(SourceFeed):
    """RSS 2.0 feed of the latest published articles with one tag."""

    url_name = "tag-rss"
    owner_model = Tag

    def description(self, obj):
        return _("The latest articles about %(tag)s.") % {"tag": obj.name}

    def articles(self, obj):
        return Article.objects.published().tagged(obj)


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed
    url_name = "tag-atom"

    def subtitle(self, obj):
        return self.description(obj)


class AuthorFeed(SourceFeed):
    """RSS 2.0 feed of the latest published articles by one author."""

    url_name = "author-rss"
    owner_model = Author

    def description(self, obj):
        return _("The latest articles by %(author)s.") % {"author": obj.name}

    def articles(self, obj):
        return Article.objects.published().by_author(obj)


class AuthorAtomFeed(AuthorFeed):
    feed_type = Atom1Feed
    url_name = "author-atom"

    def subtitle(self, obj):
        return self.description(obj)
