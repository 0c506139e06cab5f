"""What the public pages derive from an article: its summary, dates, lead figure,
related stories and structured data. No queries beyond what ``page_columns()``,
``for_listing()`` and ``article_context()`` fetch, except ``related_articles``."""

import contextlib
from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from articles.body import FigureMarker
from articles.models import Article, Author, Correction, Section
from articles.rendering import SUMMARY_LENGTH as STORED_SUMMARY_LENGTH
from articles.rendering import split_body_html, truncate_chars
from newsroom.addresses import reverse, static
from newsroom.compiled_queries import CompiledQuery
from public import freshness

# A revision within this time of the publication is part of publishing it, not an
# update readers are told about.
UPDATE_GRACE = timedelta(minutes=1)
RELATED_LIMIT = 4
#: How long a generation's related stories and home blocks are kept (a new
#: generation uses new keys).
FOUND_CACHE_SECONDS = 60 * 60
SUMMARY_LENGTH = 200
#: The publisher's logo for search engines: a square PNG (they take no SVG).
LOGO = "img/logo.png"
LOGO_SIZE = 512


def modified_at(article):
    """Return when the article last changed for readers: its publication, or the last
    revision an editor made while it was live (an import, even of an old archive
    piece, is no change). A draft's (a preview's) is its last save."""
    if article.published_at is None:
        return article.updated_at
    if article.revised_at is None:
        return article.published_at
    return max(article.published_at, article.revised_at)


def was_updated(article):
    """Return True when an editor changed the article after it was published."""
    return (
        article.published_at is not None
        and article.revised_at is not None
        and article.revised_at - article.published_at > UPDATE_GRACE
    )


def summary(article, length=SUMMARY_LENGTH):
    """Return the standfirst, else the first paragraph, cut to ``length`` characters
    (from the summary stored when the article was saved)."""
    if length >= STORED_SUMMARY_LENGTH:
        return article.summary
    return truncate_chars(article.summary, length)


@dataclass(frozen=True)
class StoredHtml:
    """A run of paragraphs and sub-headings as rendered when the article was saved."""

    text: SafeString
    kind: ClassVar[str] = "html"


def body_items(article):
    """Return the body in reading order from the HTML stored when the article was
    saved: :class:`StoredHtml` for the text between figures and a ``FigureMarker``
    with its ``caption`` for each figure (None when the body names a figure that does
    not exist). Figures the body does not place follow the text, as in
    ``Article.layout()``. Uses the prefetched captions: no query."""
    captions = {
        caption.position: caption for caption in article.related_rows("captions")
    }
    placed = set()
    items = []
    for kind, value in split_body_html(article.body_html):
        if kind == "figure":
            placed.add(value)
            items.append(FigureMarker(value, caption=captions.get(value)))
        else:
            # Escaped when it was rendered (articles.rendering.render_body_html).
            items.append(StoredHtml(mark_safe(value)))  # noqa: S308  # nosec B308, B703 # escaped when rendered
    items += [
        FigureMarker(position, caption=caption)
        for position, caption in sorted(captions.items())
        if position not in placed
    ]
    return items


#: The public pages' queries asked on every request, compiled once per process
#: (``newsroom.compiled_queries``): an article page's article, and cards by ids.
ARTICLE_PAGE = CompiledQuery(
    lambda pk, now: (
        Article.objects.published(now).page_columns().filter(pk=pk).order_by()
    )
)
#: The article page's article with its related stories' cards, once known.
ARTICLE_PAGE_WITH_CARDS = CompiledQuery(
    lambda pk, now, ids: (
        Article.objects.published(now)
        .page_columns()
        .embedding_cards(ids, now)
        .filter(pk=pk)
        .order_by()
    )
)
CARDS = CompiledQuery(
    lambda ids, now: (
        Article.objects.published(now).for_listing().filter(pk__in=ids).order_by()
    )
)
SECTION_BLOCK_CARDS = CompiledQuery(
    lambda ids, now: (
        Article.objects.published(now)
        .for_section_blocks()
        .filter(pk__in=ids)
        .order_by()
    )
)


def _found(name):
    """The ids of the articles found under ``name`` in this generation, or None."""
    key = f"newsroom:found:{name}:{freshness.current().generation:x}"
    try:
        return cache.get(key), key
    except Exception:
        return None, key


def _in_order(ids, articles):
    found = {article.pk: article for article in articles}
    return [found[pk] for pk in ids if pk in found]


def found_once_per_generation(name, compute, cards):
    """Return the articles ``compute()`` finds, finding them once per generation of
    the site (``public.freshness``: any write readers may see starts a new one) and
    then reading them by the ids found, in their order, kept in the cache, with
    ``cards`` (``CARDS`` or ``SECTION_BLOCK_CARDS``). Ranking and arranging queries
    cost more to build and run than the page's other queries together; the cards'
    own query stays on every request."""
    ids, key = _found(name)
    if ids is not None:
        return _in_order(ids, cards(ids=ids, now=timezone.now()) if ids else [])
    articles = list(compute())
    with contextlib.suppress(Exception):
        cache.set(key, [article.pk for article in articles], FOUND_CACHE_SECONDS)
    return articles


def _related_name(pk, limit):
    return f"related:{pk}:{limit}"


def article_page(pk):
    """Return the published article ``pk`` as its page shows it (``page_columns()``),
    or None. Once this generation found its related stories (``related_articles``),
    their cards come in the same query, as its ``related_cards``."""
    now = timezone.now()
    ids, _key = _found(_related_name(pk, RELATED_LIMIT))
    if ids:
        found = ARTICLE_PAGE_WITH_CARDS(pk=pk, now=now, ids=ids)
    else:
        found = ARTICLE_PAGE(pk=pk, now=now)
    if not found:
        return None
    article = found[0]
    if ids is not None:
        article.related_cards = _in_order(ids, getattr(article, "embedded_cards", ()))
    return article


def related_articles(article, limit=RELATED_LIMIT):
    """Return up to ``limit`` published articles sharing tags, the section or a
    source with ``article``, as cards (``for_listing()``): those ``article_page()``
    fetched with it, else in one query."""
    if limit == RELATED_LIMIT and hasattr(article, "related_cards"):
        return article.related_cards
    return found_once_per_generation(
        _related_name(article.pk, limit),
        lambda: (
            Article.objects.published().for_listing().related_to(article, limit=limit)
        ),
        CARDS,
    )


def article_context(article):
    """Return the context ``articles/article_detail.html`` needs for ``article``
    (fetched with ``page_columns()``: its section, sources, tags, authors, figures
    and published corrections with it, and by ``article_page()`` its related
    stories' cards): its related stories, no query or one."""
    return {"article": article, "related": related_articles(article)}


def breadcrumbs(article):
    """Return the article's section trail, outermost first: the parent section and
    the section (prefetched with ``page_columns()``: no query); empty without one."""
    section = article.section
    if section is None:
        return []
    return [section.parent, section] if section.parent_id else [section]


def _absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def logo_url(request=None):
    """The absolute address of the site's raster logo."""
    return _absolute(request, static(LOGO))


def publisher(request=None):
    """Return the site as a schema.org ``Organization`` with its raster logo."""
    return {
        "@type": "Organization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": _absolute(request, reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": logo_url(request),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def website_data(request=None):
    """Return the schema.org ``WebSite`` of the site (with its search) and its
    publishing ``Organization``, as a ``@graph`` for the home page's JSON-LD."""
    home = _absolute(request, reverse("articles:home"))
    search = _absolute(request, reverse("articles:search"))
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "name": settings.NEWSROOM_SITE_NAME,
                "url": home,
                "inLanguage": "ar",
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": f"{search}?q={{search_term_string}}",
                    "query-input": "required name=search_term_string",
                },
            },
            publisher(request),
        ],
    }


def _writers(article, request):
    """The article's writers for ``NewsArticle.author``: its staff authors with
    their pages, else its byline, else its sources; empty without any."""
    authors = article.author_list()
    if authors:
        return [
            {
                "@type": "Person",
                "name": author.name,
                "url": _absolute(request, author.get_absolute_url()),
            }
            | ({"jobTitle": author.role} if author.role else {})
            for author in authors
        ]
    if article.byline:
        return [{"@type": "Person", "name": article.byline}]
    return [
        {"@type": "Organization", "name": source.name}
        | ({"url": source.url} if source.url else {})
        for source in article.related_rows("sources")
    ]


def breadcrumb_data(article, request=None):
    """Return the schema.org ``BreadcrumbList`` of the article's section trail, or
    None when it has no section."""
    trail = breadcrumbs(article)
    if not trail:
        return None
    return {"@context": "https://schema.org", **_breadcrumb_list(trail, request)}


def _breadcrumb_list(trail, request):
    """The ``BreadcrumbList`` of the home page and then the sections of ``trail``."""
    items = [
        (settings.NEWSROOM_SITE_NAME, reverse("articles:home")),
        *((section.name, section.get_absolute_url()) for section in trail),
    ]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": _absolute(request, url),
            }
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def list_page_data(owner, url, request=None):
    """Return the schema.org page of a list of articles (a section's, a tag's, an
    author's, the corrections'; ``owner`` None for the corrections) as a dict for
    JSON-LD: a ``CollectionPage`` within the site, a section's with its trail as
    ``breadcrumb``, an author's a ``ProfilePage`` about them as a ``Person``."""
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "url": _absolute(request, url),
        "inLanguage": "ar",
        "isPartOf": {
            "@type": "WebSite",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": _absolute(request, reverse("articles:home")),
        },
    }
    if owner is not None:
        data["name"] = owner.name
    if isinstance(owner, Section):
        trail = [owner.parent, owner] if owner.parent_id else [owner]
        data["breadcrumb"] = _breadcrumb_list(trail, request)
    elif isinstance(owner, Author):
        data["@type"] = "ProfilePage"
        data["mainEntity"] = _person(owner, request)
    return data


def _person(author, request):
    """A staff writer as a schema.org ``Person``: their page, role, bio, photo and
    links."""
    person = {
        "@type": "Person",
        "name": author.name,
        "url": _absolute(request, author.get_absolute_url()),
    }
    if author.role:
        person["jobTitle"] = author.role
    if author.bio:
        person["description"] = author.bio
    if author.photo:
        person["image"] = _absolute(request, author.photo.url)
    if links := author.link_list():
        person["sameAs"] = links
    return person


def structured_data(article, request=None):
    """Return the schema.org ``NewsArticle`` of ``article`` (its published
    corrections prefetched, see ``article_context``) as a dict for JSON-LD; its
    corrections and clarifications as ``correction`` (``CorrectionComment``)."""
    site = publisher(request)
    url = _absolute(request, article.get_absolute_url())
    images = []
    # The lead figure first: it is the one search engines show.
    lead = article.lead_caption()
    captions = sorted(
        article.related_rows("captions"), key=lambda c: (c != lead, c.position)
    )
    for caption in captions:
        image = caption.image
        if not image.file:
            continue
        item = {"@type": "ImageObject", "url": _absolute(request, image.file.url)}
        if image.width and image.height:
            item.update(width=image.width, height=image.height)
        if caption.text:
            item["caption"] = caption.text
        credit = caption.display_credit
        if credit:
            item["creditText"] = credit.name
        images.append(item)
    authors = _writers(article, request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.headline,
        "description": summary(article),
        "datePublished": _iso(article.published_at),
        "dateModified": _iso(modified_at(article)),
        "inLanguage": "ar",
        "isAccessibleForFree": True,
        "author": authors or [site],
        "publisher": site,
        "articleSection": article.section.name if article.section_id else None,
        "keywords": [tag.name for tag in article.related_rows("tags")] or None,
    }
    if images:
        data["image"] = images
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": correction.text,
            "datePublished": _iso(correction.published_at),
        }
        for correction in article.public_corrections
        if correction.kind != Correction.Kind.UPDATE
    ]
    if corrections:
        data["correction"] = corrections
    return {key: value for key, value in data.items() if value is not None}
