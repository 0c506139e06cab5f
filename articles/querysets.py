from django.db import connections, models
from django.db.models.functions import Coalesce
from django.utils import timezone

from .embedded import (
    LEAD_PHOTO,
    LISTING_FIELDS,
    EmbeddingIterable,
    embed,
    embed_cards,
    lead_image_sql,
)
from .search_keys import ARTICLE_KEY_FIELDS, fill_caption_key
from .text import match_key

# models.py imports this module, so the methods below that need a model import it
# when they are called.


class SourceQuerySet(models.QuerySet):
    def unconfirmed(self):
        return self.filter(is_confirmed=False)

    def with_counts(self):
        """Annotate ``article_count`` and ``photo_count`` (photos credited to the
        source, on the photo or on a caption) without joining rows together."""
        from .models import Article, Caption, Image

        def count(queryset):
            # SELECT COUNT(*) … WHERE …: one number per source, no GROUP BY.
            return Coalesce(
                models.Subquery(
                    queryset.order_by()
                    .annotate(n=models.Func(models.F("pk"), function="COUNT"))
                    .values("n")
                ),
                models.Value(0),
            )

        outer = models.OuterRef("pk")
        credited_captions = Caption.objects.filter(credit=models.OuterRef(outer))
        return self.annotate(
            article_count=count(Article.sources.through.objects.filter(source=outer)),
            photo_count=count(
                Image.objects.filter(
                    models.Q(credit=outer)
                    | models.Q(pk__in=credited_captions.values("image_id"))
                )
            ),
        )

    def with_published_articles(self):
        """Sources that at least one article readers can see names."""
        from .models import Article

        return self.filter(
            pk__in=Article.objects.published().values("sources").order_by()
        )


class SectionQuerySet(models.QuerySet):
    def in_desk_scope(self, user):
        """The sections ``user`` works in (see ``articles.scopes``): all of them for
        someone unscoped."""
        from .scopes import scope_section_ids

        ids = scope_section_ids(user)
        return self if ids is None else self.filter(pk__in=ids)

    def main(self):
        """Top-level sections, in navigation order."""
        return self.filter(parent__isnull=True).order_by("order", "name")

    def with_published_articles(self):
        """Sections whose page lists at least one article readers can see."""
        from .models import Article

        published = Article.objects.published().order_by()
        return self.filter(
            models.Q(pk__in=published.values("section"))
            | models.Q(pk__in=published.values("sections"))
        )


class TagQuerySet(models.QuerySet):
    def matching(self, name):
        """The tag ``name`` means, whatever its harakat, tatweel, hamza or taa
        marbuta, by its own name or one it was merged from (at most one)."""
        from .models import TagAlias

        key = match_key(name)
        return self.filter(
            models.Q(key=key)
            | models.Q(pk__in=TagAlias.objects.filter(key=key).values("tag"))
        )

    def with_published_articles(self):
        """Tags that at least one article readers can see carries."""
        from .models import Article

        return self.filter(pk__in=Article.objects.published().values("tags").order_by())


class FrontPageQuerySet(models.QuerySet):
    def of_front(self, section=None):
        """The arrangements of one front: the home page's (``section`` None) or that
        section's."""
        if section is None:
            return self.filter(section__isnull=True)
        return self.filter(section=section)

    def live(self, section=None):
        """A front's arrangements whose time has come, the one readers see first."""
        return (
            self.of_front(section)
            .filter(goes_live_at__lte=timezone.now())
            .order_by("-goes_live_at", "-pk")
        )

    def scheduled(self):
        return self.filter(goes_live_at__gt=timezone.now())

    def with_live_pk(self):
        """Annotate ``live_pk``: the arrangement its front shows now (a subquery per
        row), so a history tells which one is live."""
        model = self.model
        return self.annotate(
            live_pk=models.Case(
                models.When(
                    section__isnull=True,
                    then=models.Subquery(model.objects.live().values("pk")[:1]),
                ),
                default=models.Subquery(
                    model.objects.live(models.OuterRef("section")).values("pk")[:1]
                ),
            )
        )


class BreakingNewsQuerySet(models.QuerySet):
    def live(self):
        """Lines shown now, the latest first."""
        now = timezone.now()
        return self.filter(starts_at__lte=now, expires_at__gt=now).order_by(
            "-starts_at", "-pk"
        )

    def not_expired(self):
        """Lines shown now or later."""
        return self.filter(expires_at__gt=timezone.now())

    def next_change(self):
        """When the banner next changes on its own (a line starts or expires), or
        None: one aggregate."""
        now = timezone.now()
        times = self.not_expired().aggregate(
            start=models.Min("starts_at", filter=models.Q(starts_at__gt=now)),
            end=models.Min("expires_at"),
        )
        due = [value for value in times.values() if value is not None]
        return min(due) if due else None


#: The columns a list of articles shows (cards, feeds): not the body, its HTML or the
#: search keys, which are most of a row's size.
#: What an article page shows of the article itself (``page_columns()``).
PAGE_FIELDS = (
    *("pk", "headline", "slug", "standfirst", "byline", "section", "status"),
    *("published_at", "updated_at", "revised_at", "body_html", "summary"),
    "lead_position",
)
#: The home page shows the newest stories of at most this many main sections.
SECTION_FRONTS_MAX = 12
#: Related stories are looked for among the first tags and sources of an article only.
RELATED_MAX_TAGS = 5
RELATED_MAX_SOURCES = 3


class ArticleQuerySet(models.QuerySet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Reads the relations embed() put in the rows (none, most of the time).
        self._iterable_class = EmbeddingIterable

    def embedding(self, *relations):
        """Fetch the small relations ``relations`` (``sources``, ``tags``,
        ``article_authors``, ``captions``, ``public_corrections``) inside each
        article's row, as prefetched: no query each (see ``articles.embedded``)."""
        return embed(self, *relations)

    def published(self, now=None):
        """Articles readers may see: published, and whose publication time has come
        (by ``now``, the time now unless given)."""
        return self.filter(status="published", published_at__lte=now or timezone.now())

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())

    def withdrawn(self):
        """Articles the chief took off the site: their pages answer 410 Gone."""
        return self.filter(status="withdrawn")

    def newest_first(self):
        """Newest publication first; the id breaks ties so pages never overlap."""
        return self.order_by("-published_at", "-pk")

    def for_listing(self):
        """Everything a list of articles shows (its columns, lead photo and sources)
        in one query."""
        return self.only(*LISTING_FIELDS).with_lead_photo().embedding("sources")

    def with_lead_photo(self):
        """Annotate ``lead_photo`` (the file name of the lead figure's photo, "" or
        None without one), ``lead_width`` and ``lead_height``: what a card shows of
        its figures, each an index lookup of the lead figure (``Article.lead_caption``:
        the one the body places first, else the lowest-numbered). Written as SQL: the
        same subqueries built from expressions cost more to compile than to run."""
        from .models import Article, Image

        connection = connections[self.db]
        article, image = (
            connection.ops.quote_name(model._meta.db_table)
            for model in (Article, Image)
        )
        lead = lead_image_sql(connection, article)
        # Table and column names only, no value: nothing to inject.
        return self.annotate(
            **{
                name: models.expressions.RawSQL(  # noqa: S611  # nosec B611
                    f"SELECT {column} FROM {image} WHERE id = {lead}",  # noqa: S608  # nosec B608
                    (),
                    output_field=(
                        models.CharField()
                        if column == "file"
                        else models.IntegerField()
                    ),
                )
                for name, column in LEAD_PHOTO
            }
        )

    def embedding_cards(self, ids, now):
        """Fetch the cards (as ``for_listing()``) of the published articles (by
        ``now``) among ``ids`` inside each article's row, as its
        ``embedded_cards`` (in no particular order): no query of their own."""
        return embed_cards(self, ids, now)

    def for_desk(self):
        """Everything the desk's list of articles shows (sources, who changed it last)
        in a fixed number of queries."""
        return self.select_related("updated_by").prefetch_related("sources")

    def in_desk_scope(self, user):
        """The articles ``user`` may see in the desk: those whose primary section is
        in their scope (see ``articles.scopes``), or all for someone unscoped."""
        from .scopes import scope_section_ids

        ids = scope_section_ids(user)
        return self if ids is None else self.filter(section__in=ids)

    def drafts_of(self, user):
        return self.filter(status="draft", created_by=user)

    def in_review(self):
        return self.filter(status="review")

    def for_page(self):
        """Everything an article page shows (figures, images, credits, sources, tags,
        authors, its section and published corrections) in a fixed number of
        queries, whole rows (the exporter reads the body)."""
        return self.select_related("section__parent").prefetch_related(
            "sources",
            "tags",
            self.authors_prefetch(),
            self.figures_prefetch(),
            self.corrections_prefetch(),
        )

    def page_columns(self):
        """An article page's columns (``PAGE_FIELDS``: the body as stored HTML, not
        its notation or its search keys, nor the desk's and the importer's
        bookkeeping), its section, sources, tags, authors, figures (with their
        photos and credits) and published corrections, in one query."""
        return (
            self.only(*PAGE_FIELDS)
            .select_related("section__parent")
            .embedding(
                "sources", "tags", "article_authors", "captions", "public_corrections"
            )
        )

    def from_source(self, source):
        return self.filter(sources=source)

    def in_section(self, section):
        """Articles whose primary or other sections are ``section`` or one of its
        subsections, without reading those first."""
        from .models import Article, Section

        ids = Section.objects.filter(
            models.Q(pk=section.pk) | models.Q(parent=section.pk)
        ).values("pk")
        also = Article.sections.through.objects.filter(section__in=ids)
        return self.filter(
            models.Q(section__in=ids) | models.Q(pk__in=also.values("article_id"))
        )

    def tagged(self, tag):
        return self.filter(tags=tag)

    def by_author(self, author):
        return self.filter(authors=author)

    def related_to(self, article, limit=4):
        """Up to ``limit`` articles related to ``article`` (itself excluded): those
        sharing the most tags first, then those in its primary section, then those
        sharing the most sources (pieces without tags or section, such as imported
        archives), then the newest; ``self`` should be published articles. In one
        query that does not read ``article``'s tags, section or sources first.

        Candidates are the ``limit`` newest articles of each of the article's first
        :data:`RELATED_MAX_TAGS` tags, of its section and of its first
        :data:`RELATED_MAX_SOURCES` sources: each an index walk that stops after
        ``limit`` rows, so the cost does not grow with the archive (an old article
        sharing two tags loses to newer ones sharing one)."""
        from .models import Article

        tags = Article.tags.through.objects.filter(article_id=article.pk)
        sources = Article.sources.through.objects.filter(article_id=article.pk)
        tag_ids = tags.order_by("tag_id").values("tag_id")
        source_ids = sources.order_by("source_id").values("source_id")
        section_id = models.Subquery(
            Article.objects.filter(pk=article.pk).values("section_id")[:1]
        )

        def nth(ids, n):
            return models.Subquery(ids[n : n + 1])

        # "IS NOT NULL" first: a one-time test, so that an article with fewer tags
        # or sources, or no section, does not walk the whole archive for them.
        newest = [
            *(
                self.alias(key=nth(tag_ids, n)).filter(
                    key__isnull=False, tags=nth(tag_ids, n)
                )
                for n in range(RELATED_MAX_TAGS)
            ),
            self.alias(key=section_id).filter(key__isnull=False, section=section_id),
            *(
                self.alias(key=nth(source_ids, n)).filter(
                    key__isnull=False, sources=nth(source_ids, n)
                )
                for n in range(RELATED_MAX_SOURCES)
            ),
        ]
        newest = [
            candidates.exclude(pk=article.pk)
            .order_by("-published_at", "-pk")
            .values("pk")[:limit]
            for candidates in newest
        ]
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            # PostgreSQL: "id IN (a UNION b …)" looks up the few candidates by key;
            # "id IN (a) OR id IN (b) …" would scan every article.
            candidates = models.Q(pk__in=newest[0].union(*newest[1:]))
        else:
            # SQLite cannot LIMIT inside a UNION; it looks each IN up by key.
            candidates = models.Q()
            for subquery in newest:
                candidates |= models.Q(pk__in=subquery)

        def shared(through, field, ids):
            # SELECT COUNT(*) … for each candidate: no join multiplying the rows.
            rows = through.objects.filter(
                article_id=models.OuterRef("pk"), **{f"{field}__in": ids}
            )
            return models.Subquery(
                rows.order_by()
                .annotate(n=models.Func(models.F("pk"), function="COUNT"))
                .values("n")
            )

        same_section = models.Case(
            models.When(section=section_id, then=models.Value(1)),
            default=models.Value(0),
        )
        return (
            self.filter(candidates)
            .annotate(
                shared_tags=shared(Article.tags.through, "tag_id", tag_ids),
                same_section=same_section,
                shared_sources=shared(Article.sources.through, "source_id", source_ids),
            )
            .order_by(
                "-shared_tags",
                "-same_section",
                "-shared_sources",
                "-published_at",
                "-pk",
            )[:limit]
        )

    def front_page(self, limit):
        """Up to ``limit`` articles for the home page: the live front page's stories
        in their order (lead first), then the newest to fill the unfilled slots, in
        one query; ``self`` should be published articles."""
        newest = self.newest_first().values("pk")[:limit]
        return self.filter(
            models.Q(pk__in=_live_slots(None).values("article"))
            | models.Q(pk__in=newest)
        ).arranged_first()[:limit]

    def on_front(self, section=None):
        """The stories of the live front (the home page's, or ``section``'s)."""
        return self.filter(pk__in=_live_slots(section).values("article"))

    def arranged_first(self, section=None):
        """``self`` in the order of a live front (the home page's, or ``section``'s):
        its stories by position (the lead first), then the others newest first, in
        the same query (a subquery per row for its position: for a few rows, such
        as ``on_front()``'s or the home page's candidates)."""
        slot = models.Subquery(
            _live_slots(section)
            .filter(article=models.OuterRef("pk"))
            .values("position")[:1]
        )
        return self.annotate(slot=slot).order_by(
            models.F("slot").asc(nulls_last=True), "-published_at", "-pk"
        )

    def section_fronts(self, per_section=4):
        """The ``per_section`` newest articles of each main section (its primary
        articles), as cards (see ``for_listing``) with their section, in one query: an index walk per section that
        stops after ``per_section`` rows, so the cost does not grow with the archive;
        at most :data:`SECTION_FRONTS_MAX` sections. ``self`` should be published
        articles."""
        from .models import Section

        ids = Section.objects.main().values("pk")
        newest = [
            self.filter(section=models.Subquery(ids[n : n + 1]))
            .order_by("-published_at", "-pk")
            .values("pk")[:per_section]
            for n in range(SECTION_FRONTS_MAX)
        ]
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            candidates = models.Q(pk__in=newest[0].union(*newest[1:]))
        else:
            candidates = models.Q()
            for subquery in newest:
                candidates |= models.Q(pk__in=subquery)
        return (
            self.filter(candidates)
            .for_section_blocks()
            .order_by("section__order", "section__name", "-published_at", "-pk")
        )

    def for_section_blocks(self):
        """Cards (see ``for_listing``) with their section's name and address."""
        return (
            self.select_related("section")
            .only(*LISTING_FIELDS, "section__name", "section__slug")
            .with_lead_photo()
            .embedding("sources")
        )

    def bulk_create(self, objs, *args, **kwargs):
        """Create articles in bulk, with what ``save()`` derives from their text (the
        slug, the search keys the index triggers need, the rendered body)."""
        objs = list(objs)
        for article in objs:
            article.fill_derived()
        return super().bulk_create(objs, *args, **kwargs)

    def for_search_results(self):
        """Everything a page of search results shows (sources, and the captions its
        snippets may quote) in two queries, without the search keys."""
        from .models import Caption

        captions = Caption.objects.only("pk", "article_id", "position", "text")
        captions = captions.order_by("position")
        return (
            self.defer("search_headline", "search_extras", "search_body", "body_html")
            .embedding("sources")
            .prefetch_related(models.Prefetch("captions", queryset=captions))
        )

    @staticmethod
    def corrections_prefetch():
        """The published corrections of articles, newest first, as
        ``public_corrections``."""
        from .models import Correction

        return models.Prefetch(
            "corrections",
            queryset=Correction.objects.published().newest_first(),
            to_attr="public_corrections",
        )

    @staticmethod
    def authors_prefetch():
        """The authors of articles in byline order (see ``Article.author_list``)."""
        from .models import ArticleAuthor

        return models.Prefetch(
            "article_authors",
            queryset=ArticleAuthor.objects.select_related("author").order_by(
                "position", "pk"
            ),
        )

    @staticmethod
    def figures_prefetch():
        """The figures of articles with their photos and credits, in position order."""
        from .models import Caption

        captions = Caption.objects.select_related(
            "image", "image__credit", "credit"
        ).order_by("position")
        return models.Prefetch("captions", queryset=captions)


class CaptionQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Create captions in bulk, their search keys filled as ``save()`` fills them."""
        objs = list(objs)
        for caption in objs:
            fill_caption_key(caption)
        return super().bulk_create(objs, *args, **kwargs)


class CorrectionQuerySet(models.QuerySet):
    def published(self):
        """Notes an editor published (whatever their article's state)."""
        return self.filter(published_at__isnull=False)

    def waiting(self):
        """Notes proposed by a reporter that no editor has published yet."""
        return self.filter(published_at__isnull=True)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_corrections_page(self):
        """The corrections and clarifications readers may see (published, on an
        article readers may see), newest first, with their articles; update notes
        stay on their article's page."""
        from .models import Article, Correction

        return (
            self.published()
            .filter(article__in=Article.objects.published())
            .exclude(kind=Correction.Kind.UPDATE)
            .select_related("article")
            .defer(
                *(
                    f"article__{name}"
                    for name in ("body", "body_html", *ARTICLE_KEY_FIELDS)
                )
            )
            .newest_first()
        )


def _live_slots(section):
    """The stories of the live arrangement of a front (home page's when ``section``
    is None), as a lazy queryset for subqueries."""
    from .models import FrontPage, FrontPageSlot

    live = FrontPage.objects.live(section).values("pk")[:1]
    return FrontPageSlot.objects.filter(front_page=models.Subquery(live))
