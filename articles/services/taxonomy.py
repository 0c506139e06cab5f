"""Sections, tags and authors of articles: tags made from the names editors type,
merging two tags into one without losing any article, authors set in byline order,
and linking an imported byline to a staff author."""

import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Article, ArticleAuthor, Author, Tag, TagAlias
from ..signals import tags_merged
from ..text import arabic_slugify, fold_spaces, match_key

#: Typed tag names are separated by commas, Arabic or Latin, or new lines.
TAG_SEPARATORS = re.compile(r"[,،\n]+")
#: Between the names of a byline: "أحمد علي وسارة حسن", "أحمد علي، سارة حسن".
BYLINE_SEPARATORS = re.compile(r"\s*[,،/|]\s*|\s+و(?=\S)")
#: Between a dateline's place and the writer: "القاهرة - أشرف عبد الحميد".
PLACE_SEPARATOR = re.compile(r"\s+[-–—]\s+")


def split_tag_names(text: str) -> list[str]:
    """Return the tag names typed in ``text``, in order, without empty ones or two
    that match each other."""
    names, keys = [], set()
    for name in TAG_SEPARATORS.split(text):
        name = fold_spaces(name)
        key = match_key(name)
        if key and key not in keys:
            keys.add(key)
            names.append(name)
    return names


@transaction.atomic
def tags_for_names(names: Iterable[str], *, by) -> list[Tag]:
    """Return the tags the typed ``names`` mean, in order: the existing tag a name
    matches (whatever its harakat, tatweel, hamza or taa marbuta, or a name merged
    into it), else a new tag, when ``by`` may add tags (PermissionDenied otherwise,
    nothing created)."""
    tags = []
    for name in names:
        tag = Tag.objects.matching(name).first()
        if tag is None:
            if not by.has_perm("articles.add_tag"):
                raise PermissionDenied(_("You are not allowed to create tags."))
            tag = Tag.objects.create(name=name, slug=_free_slug(name))
        if tag not in tags:
            tags.append(tag)
    return tags


def tags_by_key(names: Iterable[str]) -> dict[str, Tag]:
    """Return the existing tags ``names`` may mean, by matching key (their own or
    one merged into them), in one query."""
    keys = {match_key(name) for name in names} - {""}
    if not keys:
        return {}
    found = {}
    for tag in Tag.objects.filter(
        Q(key__in=keys) | Q(aliases__key__in=keys)
    ).prefetch_related("aliases"):
        for key in {tag.key, *(alias.key for alias in tag.aliases.all())} & keys:
            found[key] = tag
    return found


def keyword_tags(keywords: Iterable[str], tags: dict[str, Tag]) -> list[Tag]:
    """Return the existing tags an agency item's ``keywords`` name, in order and
    once each (``tags`` from :func:`tags_by_key`); an import never creates a tag."""
    found = (tags.get(match_key(keyword)) for keyword in keywords)
    return list(dict.fromkeys(tag for tag in found if tag is not None))


def _free_slug(name: str) -> str:
    """A slug for a new tag that no tag has yet (two names may slugify alike)."""
    slug = arabic_slugify(name, max_length=110) or "tag"
    candidate, n = slug, 1
    while Tag.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


@transaction.atomic
def tag_merge(tag: Tag, *, into: Tag, by) -> Tag:
    """Move every article of ``tag`` onto ``into``, keep ``tag``'s name (and the
    names merged into it) as other names of ``into``, delete ``tag`` and return
    ``into``."""
    if not by.has_perm("articles.merge_tags"):
        raise PermissionDenied(_("You are not allowed to merge tags."))
    if tag.pk == into.pk:
        raise ValidationError(
            _("A tag cannot be merged into itself."), code="merge_into_itself"
        )
    locked = {
        t.pk: t
        for t in Tag.objects.select_for_update().filter(pk__in=[tag.pk, into.pk])
    }
    tag, into = locked[tag.pk], locked[into.pk]
    through = Article.tags.through
    already = through.objects.filter(tag=into).values("article_id")
    through.objects.filter(tag=tag, article_id__in=already).delete()
    moved = list(through.objects.filter(tag=tag).values_list("article_id", flat=True))
    through.objects.filter(tag=tag).update(tag=into)
    TagAlias.objects.filter(tag=tag).update(tag=into)
    name = tag.name
    tag.delete()
    if (
        match_key(name) != into.key
        and not TagAlias.objects.filter(key=match_key(name)).exists()
    ):
        TagAlias.objects.create(tag=into, name=name)
    # The rows moved by update() sent no signal: the articles' pages changed.
    tags_merged.send(sender=Tag, tag_name=name, into=into, by=by, articles=moved)
    return into


def article_set_authors(article: Article, authors: Iterable[Author]) -> None:
    """Make ``authors`` the article's authors, in this order."""
    authors = list(dict.fromkeys(authors))
    current = list(article.article_authors.order_by("position", "pk"))
    if [c.author_id for c in current] == [a.pk for a in authors]:
        return
    article.article_authors.all().delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=author, position=position)
        for position, author in enumerate(authors)
    )


def _byline_parts(byline: str) -> list[str]:
    """The parts of a byline that may be a writer's name: the whole, else each side
    of a dash (a dateline: "القاهرة - أشرف عبد الحميد")."""
    byline = fold_spaces(byline or "")
    sides = [side for side in PLACE_SEPARATOR.split(byline) if side]
    return [byline, *sides] if len(sides) > 1 else [byline] if byline else []


def byline_names(byline: str) -> list[str]:
    """Every name ``byline`` may hold: each part (see above) whole, and its names
    split at commas and at a "و" joined to a name."""
    return [
        name
        for part in _byline_parts(byline)
        for name in [part, *BYLINE_SEPARATORS.split(part)]
        if name.strip()
    ]


def byline_authors(byline: str, authors_by_key: dict[str, Author]) -> list[Author]:
    """Return the staff authors ``byline`` names, in order: the author whose
    normalised name is the whole byline (or one side of a dateline's dash), else
    one author per name in it; none when one of its names is nobody's (a byline is
    linked whole or not at all, so a shared piece never loses a writer's name)."""
    for part in _byline_parts(byline):
        if match_key(part) in authors_by_key:
            return [authors_by_key[match_key(part)]]
        names = [n for n in BYLINE_SEPARATORS.split(part) if n.strip()]
        found = [authors_by_key.get(match_key(name)) for name in names]
        if len(found) > 1 and None not in found:
            return list(dict.fromkeys(found))
    return []


def authors_by_key(bylines: Iterable[str]) -> dict[str, Author]:
    """Return the staff authors the ``bylines`` may name, by matching key, in one
    query; a name two authors share is left out (the byline is ambiguous)."""
    keys = {match_key(name) for byline in bylines for name in byline_names(byline)}
    found, ambiguous = {}, set()
    for author in Author.objects.filter(key__in=keys):
        if author.key in found:
            ambiguous.add(author.key)
        found[author.key] = author
    return {key: author for key, author in found.items() if key not in ambiguous}
