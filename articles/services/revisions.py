"""Revisions of articles: one JSON snapshot of the whole article (text, workflow
state, sources, section, tags, authors and figures) per save, transition, restore or
import, as Wagtail keeps ``Revision.content``. A revision is complete on its own: reading one never folds other
rows. Comparing two revisions is the desk's business (``desk.diffs``)."""

from dataclasses import dataclass, field
from datetime import datetime

from ..models import Article, ArticleAuthor, Caption, Revision

#: Article fields a revision shows and a restore brings back, in form order.
CONTENT_FIELDS = ["headline", "slug", "standfirst", "body", "byline", "original_url"]
#: Fields shown in a comparison but left alone by a restore (they move by transitions).
STATE_FIELDS = ["status", "published_at"]
#: A figure's fields in a revision, in the order a comparison shows them.
FIGURE_FIELDS = [
    "position",
    "text",
    "credit",
    "credit_note",
    "photographer",
    "photo",
    "alt_text",
]
REASON_MAX_LENGTH = Revision._meta.get_field("reason").max_length


def article_content(
    article: Article,
    *,
    sources=None,
    captions=None,
    sections=None,
    tags=None,
    authors=None,
) -> dict:
    """Return the JSON snapshot of ``article`` as stored now. ``sources``,
    ``sections``, ``tags``, ``authors`` (in byline order) and ``captions`` (with
    ``image`` and ``credit`` loaded) save reading them back when the caller has just
    stored them."""
    if sources is None:
        sources = article.sources.only("id", "name")
    if captions is None:
        captions = Caption.objects.filter(article_id=article.pk).select_related(
            "image", "credit"
        )
    if sections is None:
        sections = article.sections.only("id", "name")
    if tags is None:
        tags = article.tags.only("id", "name")
    if authors is None:
        credits = ArticleAuthor.objects.filter(article_id=article.pk)
        authors = [c.author for c in credits.select_related("author")]
    fields = {name: getattr(article, name) for name in CONTENT_FIELDS}
    fields["status"] = article.status
    fields["published_at"] = (
        article.published_at.isoformat() if article.published_at else None
    )
    section = article.section if article.section_id else None
    return {
        "fields": fields,
        "sources": _named(sources),
        "section": {"id": section.pk, "name": section.name} if section else None,
        "sections": _named(sections),
        "tags": _named(tags),
        "authors": [{"id": a.pk, "name": a.name} for a in authors],
        "figures": sorted(
            (_figure_content(caption) for caption in captions),
            key=lambda f: f["position"],
        ),
    }


def _named(objects) -> list[dict]:
    return sorted(
        ({"id": o.pk, "name": o.name} for o in objects), key=lambda o: o["id"]
    )


def _figure_content(caption: Caption) -> dict:
    image = caption.image
    return {
        "caption_id": caption.pk,
        "position": caption.position,
        "text": caption.text,
        "credit_id": caption.credit_id,
        "credit": caption.credit.name if caption.credit_id else "",
        "credit_note": caption.credit_note,
        "photographer": caption.photographer,
        "image_id": caption.image_id,
        "photo": image.file.name if image.file else "",
        "alt_text": image.alt_text,
    }


def revision_of(article: Article, *, by, reason: str = "save", **stored) -> Revision:
    """Return an unsaved revision of ``article`` as stored now (for ``bulk_create``);
    ``stored`` as for :func:`article_content`."""
    return Revision(
        article=article,
        version=article.version,
        user=by,
        reason=reason[:REASON_MAX_LENGTH],
        content=article_content(article, **stored),
    )


def article_record_revision(
    article: Article, *, by, reason: str = "save", **stored
) -> Revision:
    """Write a revision of ``article`` as stored now (sources, section, tags, authors
    and figures included), by ``by``, and return it; ``stored`` as for
    :func:`article_content`."""
    revision = revision_of(article, by=by, reason=reason, **stored)
    revision.save()
    return revision


def revisions_of(article: Article):
    """Return the article's revisions, newest first, with their authors."""
    return Revision.objects.filter(article=article).select_related("user")


@dataclass
class FigureState:
    caption_id: int
    position: int
    text: str
    credit: str
    credit_id: int | None
    credit_note: str
    photographer: str
    image_id: int
    photo: str
    alt_text: str


@dataclass
class Snapshot:
    """An article as one revision recorded it."""

    revision: Revision
    fields: dict
    sources: list[str]
    source_ids: list[int]
    figures: dict[int, FigureState] = field(default_factory=dict)
    #: Recorded since sections, tags and authors exist (None in older revisions).
    section: dict | None = None
    section_ids: list[int] | None = None
    tag_ids: list[int] | None = None
    author_ids: list[int] | None = None
    taxonomy: dict[str, list[str]] = field(default_factory=dict)

    @property
    def version(self):
        return self.revision.version


def snapshot(revision: Revision) -> Snapshot:
    """Return what ``revision`` recorded, with typed values."""
    content = revision.content
    fields = dict(content["fields"])
    if fields.get("published_at"):
        fields["published_at"] = datetime.fromisoformat(fields["published_at"])
    figures = {}
    for figure in content["figures"]:
        state = FigureState(
            **{name: figure.get(name, "") for name in FigureState.__dataclass_fields__}
        )
        figures[state.caption_id] = state
    return Snapshot(
        revision=revision,
        fields=fields,
        sources=sorted(s["name"] for s in content["sources"]),
        source_ids=[s["id"] for s in content["sources"]],
        figures=figures,
        section=content.get("section"),
        section_ids=_ids(content, "sections"),
        tag_ids=_ids(content, "tags"),
        author_ids=_ids(content, "authors"),
        taxonomy={
            name: [item["name"] for item in content.get(name, [])]
            for name in ("sections", "tags", "authors")
        },
    )


def _ids(content: dict, name: str) -> list[int] | None:
    return [item["id"] for item in content[name]] if name in content else None
