from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.addresses import reverse

from .body import FigureMarker, parse_body
from .querysets import (
    ArticleQuerySet,
    BreakingNewsQuerySet,
    CaptionQuerySet,
    CorrectionQuerySet,
    FrontPageQuerySet,
    SectionQuerySet,
    SourceQuerySet,
    TagQuerySet,
)
from .rendering import RENDERED_FIELDS, RENDERED_FROM, fill_rendered
from .search_keys import (
    ARTICLE_KEY_FIELDS,
    ARTICLE_TEXT_FIELDS,
    fill_article_keys,
    fill_caption_key,
    with_key_fields,
)
from .text import arabic_slugify, fold_spaces, match_key


class Source(models.Model):
    """Who a piece or a photo comes from: an agency, a broadcaster, a website…"""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("news agency")
        BROADCASTER = "broadcaster", _("broadcaster")
        NEWSPAPER = "newspaper", _("newspaper")
        WEBSITE = "website", _("website")
        SOCIAL = "social", _("social media")
        AGENCIES = "agencies", _("agencies (generic)")
        OTHER = "other", _("other")

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_("As it is written in credits and source lines, e.g. رويترز."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "Used in the source's address on the site. Left empty, it is made from the name."
        ),
    )
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    url = models.URLField(_("website"), blank=True)
    key = models.CharField(
        _("matching key"),
        max_length=100,
        unique=True,
        editable=False,
        help_text=_(
            "The name without harakat, tatweel or hamza variants; used to match credits."
        ),
    )
    is_confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_(
            "Sources created automatically from an unknown credit stay unconfirmed until an "
            "editor confirms them or merges them into an existing source."
        ),
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]
        permissions = [("merge_sources", _("Can merge sources"))]
        indexes = [
            models.Index(
                fields=["name"],
                name="source_unconfirmed_idx",
                condition=Q(is_confirmed=False),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        self.key = match_key(self.name)
        if not self.slug:
            self.slug = arabic_slugify(self.name, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:source", kwargs={"slug": self.slug})


class SourceAlias(models.Model):
    """Another spelling of a source's name, so that credits written differently match."""

    source = models.ForeignKey(
        Source,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("source"),
    )
    name = models.CharField(
        _("spelling"),
        max_length=100,
        help_text=_("e.g. وكالة رويترز, Reuters or رويترز-أرشيف for رويترز."),
    )
    key = models.CharField(
        _("matching key"), max_length=100, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("alternative spelling")
        verbose_name_plural = _("alternative spellings")
        ordering = ["source", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        self.key = match_key(self.name)
        super().save(*args, **kwargs)


class Section(models.Model):
    """A part of the site (سياسة, رياضة…): every article has one primary section and
    may appear in others. Sections nest one level deep."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "Used in the section's address on the site. Left empty, it is made from "
            "the name."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Sections are shown in the navigation from the lowest number up."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent section"),
        help_text=_(
            "Left empty for a main section. A subsection's articles also appear on "
            "its parent's page; subsections cannot have subsections."
        ),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences shown on the section's page and in feeds."),
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        if not self.slug:
            self.slug = arabic_slugify(self.name, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id is None:
            return
        if self.parent.parent_id is not None:
            raise ValidationError(
                {
                    "parent": ValidationError(
                        _("A subsection cannot contain other sections."),
                        code="section_too_deep",
                    )
                }
            )
        if self.pk and (
            self.parent_id == self.pk or Section.objects.filter(parent=self).exists()
        ):
            raise ValidationError(
                {
                    "parent": ValidationError(
                        _("A section with subsections cannot be a subsection."),
                        code="section_too_deep",
                    )
                }
            )


class Tag(models.Model):
    """A free topic (ليبيا, كأس العالم), created from the desk as editors type. Names
    that differ only by harakat, tatweel, hamza forms or taa marbuta are one tag."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("Used in the tag's address. Left empty, it is made from the name."),
    )
    key = models.CharField(
        _("matching key"),
        max_length=100,
        unique=True,
        editable=False,
        help_text=_(
            "The name without harakat, tatweel or hamza variants; typed names match it."
        ),
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )

    objects = TagQuerySet.as_manager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        permissions = [("merge_tags", _("Can merge tags"))]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = fold_spaces(self.name)
        self.key = match_key(self.name)
        if not self.slug:
            self.slug = arabic_slugify(self.name, max_length=120) or "tag"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class TagAlias(models.Model):
    """The name of a tag merged into another, so that typing it finds the one kept."""

    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("tag")
    )
    name = models.CharField(_("spelling"), max_length=100)
    key = models.CharField(
        _("matching key"), max_length=100, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("other name of a tag")
        verbose_name_plural = _("other names of tags")
        ordering = ["tag", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = fold_spaces(self.name)
        self.key = match_key(self.name)
        super().save(*args, **kwargs)


class Author(models.Model):
    """A writer on staff, with a page listing their articles. Pieces by others keep
    their free-text byline."""

    name = models.CharField(
        _("name"), max_length=100, help_text=_("As it is written in bylines.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "Used in the author's address on the site. Left empty, it is made from the "
            "name."
        ),
    )
    key = models.CharField(
        _("matching key"),
        max_length=100,
        editable=False,
        db_index=True,
        help_text=_("The name as imported bylines are matched against it."),
    )
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("e.g. مراسل القاهرة, محررة الشؤون الاقتصادية."),
    )
    photo = models.ImageField(
        _("photo"), upload_to="authors/", blank=True, help_text=_("A square portrait.")
    )
    bio = models.TextField(
        _("short biography"),
        max_length=600,
        blank=True,
        help_text=_("Two or three sentences shown on the author's page."),
    )
    links = models.TextField(
        _("links"),
        blank=True,
        help_text=_(
            "One address a line: the author's pages elsewhere (X, LinkedIn, a blog)."
        ),
    )

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = fold_spaces(self.name)
        self.key = match_key(self.name)
        if not self.slug:
            self.slug = arabic_slugify(self.name, max_length=120) or "author"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    def link_list(self):
        """The author's links, one per non-empty line."""
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def clean(self):
        validate = URLValidator(schemes=["http", "https"])
        for link in self.link_list():
            try:
                validate(link)
            except ValidationError:
                message = _("“%(link)s” is not a web address.") % {"link": link}
                raise ValidationError(
                    {"links": ValidationError(message, code="invalid_link")}
                ) from None


class Image(models.Model):
    """A photo. The file may arrive after the article that names it."""

    file = models.ImageField(
        _("photo file"),
        upload_to="images/%Y/%m/",
        blank=True,
        width_field="width",
        height_field="height",
        help_text=_(
            "JPEG, PNG or WebP. Imported pieces name photos that may arrive later."
        ),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=500,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    credit = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="images",
        verbose_name=_("credit"),
    )
    width = models.PositiveIntegerField(
        _("width"), null=True, blank=True, editable=False
    )
    height = models.PositiveIntegerField(
        _("height"), null=True, blank=True, editable=False
    )
    checksum = models.CharField(
        _("checksum"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("SHA-256 of the file, to recognise the same photo uploaded twice."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(
        _("uploaded"), default=timezone.now, editable=False
    )
    thumbnail = models.ImageField(
        _("thumbnail"),
        upload_to="images/thumbs/%Y/%m/",
        blank=True,
        editable=False,
        help_text=_("A small copy shown in the desk's lists and figure forms."),
    )

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["checksum"],
                condition=~Q(checksum=""),
                name="image_checksum_unique",
            ),
        ]

    def __str__(self):
        label = self.alt_text or (self.file.name if self.file else "")
        return label[:80] or _("image %(id)s") % {"id": self.pk}


class Caption(models.Model):
    """One use of an image in one article: the caption text, credit and place."""

    article = models.ForeignKey(
        "Article",
        on_delete=models.CASCADE,
        related_name="captions",
        verbose_name=_("article"),
    )
    image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        related_name="captions",
        verbose_name=_("image"),
    )
    text = models.TextField(_("caption"), blank=True)
    credit = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="captions",
        verbose_name=_("credit"),
        help_text=_("Left empty, the image's credit is shown."),
    )
    credit_note = models.CharField(
        _("credit note"),
        max_length=50,
        blank=True,
        help_text=_("Shown after the credit, e.g. أرشيف for an archive photo."),
    )
    photographer = models.CharField(
        _("photographer"),
        max_length=100,
        blank=True,
        help_text=_(
            "Who took the photo, when the credit names them apart from the agency "
            "(تصوير: علي كريم/رويترز)."
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("figure number"),
        help_text=_("Placed in the body with a line [[صورة N]] using this number."),
    )
    search_key = models.TextField(
        _("caption search keys"),
        blank=True,
        default="",
        editable=False,
        help_text=_("The caption normalised for search; filled on save."),
    )

    objects = CaptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="caption_position_unique"
            ),
        ]

    def __str__(self):
        return self.text[:80] or str(self.image)

    def save(self, *args, **kwargs):
        fill_caption_key(self)
        kwargs["update_fields"] = with_key_fields(
            kwargs.get("update_fields"), {"text"}, ["search_key"]
        )
        super().save(*args, **kwargs)

    @property
    def display_credit(self):
        """The credit to show: the caption's own, else the image's."""
        return self.credit or self.image.credit


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("in review")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class WireStatus(models.TextChoices):
        USABLE = "", _("usable")
        WITHHELD = "withheld", _("withheld by the agency")
        CANCELED = "canceled", _("canceled by the agency")

    headline = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The words in the article's address. Left empty, it is made from the headline "
            "(without harakat or tatweel)."
        ),
    )
    standfirst = models.TextField(
        _("standfirst"),
        blank=True,
        help_text=_("An optional summary shown under the headline."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Separate paragraphs with a blank line. Start a line with “## ” to make it a "
            "sub-heading. Put “[[صورة 1]]” alone on a line to place figure 1 there. HTML is "
            "shown as typed, never interpreted."
        ),
    )
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="articles",
        verbose_name=_("sources"),
        help_text=_("The piece's “المصدر” line; several are allowed."),
    )
    byline = models.CharField(
        _("byline"),
        max_length=200,
        blank=True,
        help_text=_(
            "Author or correspondent, if named, as written. Staff writers are also "
            "chosen under Authors, which links to their pages."
        ),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="primary_articles",
        verbose_name=_("section"),
        help_text=_("The article's main section, shown above its headline."),
    )
    sections = models.ManyToManyField(
        Section,
        blank=True,
        related_name="articles",
        verbose_name=_("also in sections"),
        help_text=_("Other sections whose pages list the article too."),
    )
    tags = models.ManyToManyField(
        Tag,
        blank=True,
        related_name="articles",
        verbose_name=_("tags"),
        help_text=_("The topics of the article (ليبيا, كأس العالم)."),
    )
    authors = models.ManyToManyField(
        Author,
        through="ArticleAuthor",
        blank=True,
        related_name="articles",
        verbose_name=_("authors"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=False
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "A time in the future schedules the article: it appears on its own then."
        ),
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    revised_at = models.DateTimeField(
        _("revised"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When an editor last changed the article while it was live: what readers "
            "see as its last update. An import or a change of state is no revision."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    original_url = models.URLField(
        _("original address"),
        max_length=500,
        blank=True,
        help_text=_("Where the piece first appeared."),
    )
    import_filename = models.CharField(
        _("imported from"), max_length=255, blank=True, editable=False
    )
    import_hash = models.CharField(
        _("imported content hash"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "SHA-256 of the imported text, to recognise a re-import of the same piece."
        ),
    )
    imported_version = models.PositiveIntegerField(
        _("version left by its import"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The version the last import of its file left. While the article is still "
            "at that version nobody has saved it since, and a new import of the same "
            "file may replace it."
        ),
    )
    external_id = models.CharField(
        _("agency identifier"),
        max_length=255,
        blank=True,
        default="",
        editable=False,
        help_text=_(
            "The guid or URI the agency gave the piece (NewsML-G2, NITF, ninjs): a "
            "new version from the wire replaces this article only while nobody on "
            "the desk has changed it."
        ),
    )
    external_version = models.PositiveIntegerField(
        _("agency version"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The version number of the agency's item last imported."),
    )
    wire_status = models.CharField(
        _("agency status"),
        max_length=20,
        choices=WireStatus,
        blank=True,
        default="",
        help_text=_(
            "The agency withdrew (withheld) or canceled this piece: check it before "
            "publishing, and consider unpublishing it. The import never publishes "
            "such a piece."
        ),
    )
    embargoed_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_(
            "The agency's embargo: the article cannot be published (or scheduled) "
            "before this time."
        ),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Goes up by one at every save. A form loaded at an older version cannot "
            "overwrite a newer one."
        ),
    )
    search_headline = models.TextField(
        _("headline search keys"), blank=True, default="", editable=False
    )
    search_extras = models.TextField(
        _("standfirst and sub-heading search keys"),
        blank=True,
        default="",
        editable=False,
    )
    search_body = models.TextField(
        _("body search keys"),
        blank=True,
        default="",
        editable=False,
        help_text=_("The text normalised for search; filled on save."),
    )
    body_html = models.TextField(
        _("body as HTML"),
        blank=True,
        default="",
        editable=False,
        help_text=_("The body as readers see it, rendered on save."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        default="",
        editable=False,
        help_text=_(
            "The standfirst, else the first paragraph, shortened; set on save."
        ),
    )
    lead_position = models.PositiveSmallIntegerField(
        _("lead figure"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The number of the figure the body places first; set on save. Without "
            "one, the lead figure is the lowest-numbered."
        ),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=["draft", "review", "published", "archived", "withdrawn"]
                ),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.UniqueConstraint(
                fields=["import_hash"],
                condition=~Q(import_hash=""),
                name="article_import_hash_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "-published_at"], name="article_status_pub_idx"
            ),
            models.Index(fields=["-updated_at"], name="article_updated_idx"),
            # Recognising a re-import of the same file (see services.importing).
            models.Index(
                fields=["import_filename"],
                name="article_import_file_idx",
                condition=~Q(import_filename=""),
            ),
            models.Index(
                fields=["created_by", "status", "-updated_at"],
                name="article_author_status_idx",
            ),
            # Recognising a new version of an agency's item (see ingest.services).
            models.Index(
                fields=["external_id"],
                name="article_external_id_idx",
                condition=~Q(external_id=""),
            ),
            models.Index(
                fields=["section", "-published_at"], name="article_section_pub_idx"
            ),
        ]
        permissions = [
            ("submit_article", _("Can submit articles for review")),
            (
                "publish_article",
                _("Can publish, schedule, unpublish and archive articles"),
            ),
            ("edit_any_article", _("Can edit any article, whoever wrote it")),
            (
                "withdraw_article",
                _("Can withdraw a published article from the site, and restore it"),
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.fill_derived()
        update_fields = with_key_fields(
            kwargs.get("update_fields"), ARTICLE_TEXT_FIELDS, ARTICLE_KEY_FIELDS
        )
        kwargs["update_fields"] = with_key_fields(
            update_fields, RENDERED_FROM, RENDERED_FIELDS
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:detail", kwargs={"pk": self.pk, "slug": self.slug or "-"}
        )

    def fill_derived(self):
        """Set what is derived from the text at write time: the slug when empty, the
        search keys, the rendered body, summary and lead figure. ``save()`` calls it,
        and so does ``bulk_create``."""
        if not self.slug:
            self.slug = arabic_slugify(self.headline) or "article"
        fill_article_keys(self)
        fill_rendered(self)

    def related_rows(self, name):
        """The rows of the to-many relation ``name`` (``sources``, ``tags``,
        ``captions``, ``article_authors``) as ``getattr(self, name).all()`` gives
        them. When they were fetched with the article (prefetched, or embedded by
        ``page_columns()`` and ``for_listing()``), they are read from Django's
        prefetch cache without building the relation's manager, which a page would
        otherwise do some twenty times for what costs a dictionary lookup."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get(name)
        if prefetched is not None and prefetched._result_cache is not None:
            return prefetched._result_cache
        return list(getattr(self, name).all())

    def lead_caption(self):
        """The article's lead figure, as every page, feed and card shows it: the one
        the body places first, else the lowest-numbered (prefetched captions: no
        query); None without figures."""
        captions = sorted(
            self.related_rows("captions"), key=lambda caption: caption.position
        )
        placed = [c for c in captions if c.position == self.lead_position]
        return (placed or captions or [None])[0]

    def layout(self):
        """Return the body's blocks in reading order, each ``FigureMarker`` carrying
        its ``caption`` (None when the body names a figure that does not exist).
        Figures the body does not place follow the text, so no figure is ever lost
        from the page (prefetched captions: no query)."""
        captions = {
            caption.position: caption for caption in self.related_rows("captions")
        }
        blocks = [
            replace(block, caption=captions.get(block.figure))
            if isinstance(block, FigureMarker)
            else block
            for block in parse_body(self.body)
        ]
        placed = {block.figure for block in blocks}
        return blocks + [
            FigureMarker(position, caption=caption)
            for position, caption in sorted(captions.items())
            if position not in placed
        ]

    def author_list(self):
        """The article's authors in byline order (prefetched with
        ``authors_prefetch()``: no query)."""
        return [credit.author for credit in self.related_rows("article_authors")]

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class ArticleAuthor(models.Model):
    """One author of one article, in the order the byline names them."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="article_authors",
        verbose_name=_("article"),
    )
    author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        related_name="article_authors",
        verbose_name=_("author"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("author of an article")
        verbose_name_plural = _("authors of an article")
        ordering = ["article", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="article_author_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["author", "article"], name="article_author_idx")
        ]

    def __str__(self):
        return f"{self.article_id}: {self.author_id}"


class ArticleTransition(models.Model):
    """One change of an article's state: who moved it, from what to what, when, why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", pgettext_lazy("transition", "submitted for review")
        RETURN = "return", pgettext_lazy("transition", "returned to draft")
        PUBLISH = "publish", pgettext_lazy("transition", "published")
        SCHEDULE = "schedule", pgettext_lazy("transition", "scheduled")
        UNPUBLISH = "unpublish", pgettext_lazy("transition", "unpublished")
        ARCHIVE = "archive", pgettext_lazy("transition", "archived")
        RESTORE = "restore", pgettext_lazy("transition", "restored from the archive")
        WITHDRAW = "withdraw", pgettext_lazy("transition", "withdrawn from the site")
        REINSTATE = "reinstate", pgettext_lazy("transition", "restored to the site")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("article"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    from_status = models.CharField(_("from"), max_length=20, choices=Article.Status)
    to_status = models.CharField(_("to"), max_length=20, choices=Article.Status)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("The publication time set by a publish or schedule."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["article", "-at"], name="transition_article_idx")
        ]

    def __str__(self):
        return f"{self.article_id}: {self.from_status} → {self.to_status}"


class Correction(models.Model):
    """A dated note readers see under an article's headline: a correction, a
    clarification, or the note of an update. Proposed (a reporter's) until an editor
    publishes it; never changed once published (see ``articles.services.corrections``)."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("correction")
        CLARIFICATION = "clarification", _("clarification")
        UPDATE = "update", _("update")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("article"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind,
        default=Kind.CORRECTION,
        help_text=_(
            "A correction says what was wrong; a clarification adds what was missing "
            "or unclear; an update says what changed in the story."
        ),
    )
    text = models.TextField(
        _("text"),
        help_text=_(
            "What readers see under the headline, e.g. ذكرت نسخة سابقة من هذا الخبر "
            "أن الزيارة هي الأولى، والصحيح أنها الثانية."
        ),
    )
    created_at = models.DateTimeField(
        _("proposed"), default=timezone.now, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Empty while the note waits for an editor."),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-published_at", "-id"]
        permissions = [("publish_correction", _("Can publish corrections"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["correction", "clarification", "update"]),
                name="correction_kind_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["-published_at", "-id"],
                name="correction_published_idx",
                condition=Q(published_at__isnull=False),
            ),
            models.Index(
                fields=["article", "-published_at"], name="correction_article_idx"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:80]}"

    @property
    def is_published(self):
        return self.published_at is not None


class ArticlePresence(models.Model):
    """When a user last opened an article's form, to warn others editing it."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="presences",
        verbose_name=_("article"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    seen_at = models.DateTimeField(_("last opened"), default=timezone.now)

    class Meta:
        verbose_name = _("open article form")
        verbose_name_plural = _("open article forms")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], name="presence_article_user_unique"
            )
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.article_id}"


class FrontPage(models.Model):
    """One arrangement of a front by an editor (the home page's, or a section's when
    ``section`` is set): a lead story and ordered top stories (its slots), live from
    ``goes_live_at``. Never changed afterwards: the newest arrangement of a front
    whose time has come is the one readers see, so the list of arrangements is that
    front's history (who, when, what), and putting an old one back is arranging it
    again (``front_page_restore``)."""

    section = models.ForeignKey(
        "Section",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="fronts",
        verbose_name=_("section"),
        help_text=_(
            "Empty for the home page; a section for that section's page. Its stories "
            "must be in the section."
        ),
    )
    goes_live_at = models.DateTimeField(
        _("goes live"),
        default=timezone.now,
        help_text=_(
            "Now by default. A time in the future puts the arrangement on its page "
            "at that time, on its own."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("arranged by"),
    )
    created_at = models.DateTimeField(_("arranged"), default=timezone.now)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Why, for the history: e.g. «عاجل: زلزال»."),
    )

    objects = FrontPageQuerySet.as_manager()

    class Meta:
        verbose_name = _("front page")
        verbose_name_plural = _("front pages")
        ordering = ["-goes_live_at", "-pk"]
        indexes = [
            models.Index(
                fields=["section", "-goes_live_at", "-id"], name="frontpage_live_idx"
            )
        ]

    def __str__(self):
        time = timezone.localtime(self.goes_live_at).strftime("%Y-%m-%d %H:%M")
        if self.section_id is None:
            return _("Front page of %(time)s") % {"time": time}
        return _("%(section)s front of %(time)s") % {
            "section": self.section.name,
            "time": time,
        }


class FrontPageSlot(models.Model):
    """One story of a front page: position 0 is the lead, then the top stories."""

    front_page = models.ForeignKey(
        FrontPage,
        on_delete=models.CASCADE,
        related_name="slots",
        verbose_name=_("front page"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="front_slots",
        verbose_name=_("article"),
        limit_choices_to={"status": "published"},
    )
    position = models.PositiveSmallIntegerField(
        _("position"), help_text=_("0 is the lead story, then 1, 2, 3…")
    )

    class Meta:
        verbose_name = _("front page story")
        verbose_name_plural = _("front page stories")
        ordering = ["front_page", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["front_page", "position"], name="frontslot_position_unique"
            ),
            models.UniqueConstraint(
                fields=["front_page", "article"], name="frontslot_article_unique"
            ),
        ]

    def __str__(self):
        return f"{self.front_page_id}#{self.position}: {self.article_id}"


class BreakingNews(models.Model):
    """The breaking-news line (عاجل) shown on every public page from ``starts_at``
    until ``expires_at`` or until an editor takes it down."""

    text = models.CharField(
        _("text"),
        max_length=200,
        help_text=_("One short line, e.g. «زلزال بقوة 6 درجات…»."),
    )
    url = models.URLField(
        _("link"),
        blank=True,
        help_text=_("Optional: the article or page the line leads to."),
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("shown until"),
        help_text=_("The line leaves every page at this time, on its own."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )

    objects = BreakingNewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("breaking news")
        verbose_name_plural = _("breaking news")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("starts_at")),
                name="breaking_expires_after_start",
            )
        ]
        indexes = [models.Index(fields=["expires_at"], name="breaking_expires_idx")]

    def __str__(self):
        return self.text


class DeskScope(models.Model):
    """The sections one member of staff works in (desk scoping, as Wagtail scopes by
    page subtree and Superdesk by desk): they see, edit and publish only the
    articles whose primary section is one of these or a subsection of one. Without
    a scope, or with no section in it, they keep the whole desk."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="desk_scope",
        verbose_name=_("user"),
    )
    sections = models.ManyToManyField(
        Section,
        blank=True,
        related_name="+",
        verbose_name=_("sections"),
        help_text=_(
            "The sections this person sees and publishes, with their subsections. "
            "None: every section."
        ),
    )

    class Meta:
        verbose_name = _("desk scope")
        verbose_name_plural = _("desk scopes")

    def __str__(self):
        return str(self.user)


class Revision(models.Model):
    """One saved state of an article, whole: its text fields, workflow state, sources
    and figures (captions with their photos and credits), as a JSON snapshot, the way
    Wagtail keeps ``Revision.content``. Written by the services at every save,
    transition, restore and import (see ``articles.services.revisions``); never
    changed afterwards."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("article"),
    )
    version = models.PositiveIntegerField(
        _("version"), help_text=_("The article's version this revision recorded.")
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.CharField(
        _("what"),
        max_length=200,
        blank=True,
        help_text=_(
            "Why it was written: save, transition:<action>, restore:<version>, "
            "import:<file>, photo:<image>."
        ),
    )
    content = models.JSONField(_("content"))

    class Meta:
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["article", "-created_at", "-id"], name="revision_article_idx"
            ),
        ]

    def __str__(self):
        return f"{self.article_id} v{self.version}"

    @property
    def status(self):
        return self.content.get("fields", {}).get("status", "")

    def get_status_display(self):
        status = self.status
        return Article.Status(status).label if status in Article.Status else status
