"""Sources: confirming the ones the importer made from unknown credits, and merging
two spellings of the same source into one without losing any reference."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import Article, Caption, Image, Source, SourceAlias
from ..signals import sources_merged
from ..text import match_key


@transaction.atomic
def source_confirm(source: Source, *, by) -> Source:
    """Mark ``source`` as a known, checked source and return it."""
    if not by.has_perm("articles.change_source"):
        raise PermissionDenied(_("You are not allowed to confirm sources."))
    if not source.is_confirmed:
        source.is_confirmed = True
        source.save(update_fields=["is_confirmed"])
    return source


def _add_alias(into: Source, name: str) -> None:
    key = match_key(name)
    if not name or key == into.key or SourceAlias.objects.filter(key=key).exists():
        return
    if Source.objects.filter(key=key).exclude(pk=into.pk).exists():
        return
    SourceAlias.objects.create(source=into, name=name)


@transaction.atomic
def source_merge(source: Source, *, into: Source, by) -> Source:
    """Move every reference to ``source`` onto ``into`` (articles, photo and caption
    credits, alternative spellings), keep ``source``'s names as spellings of ``into``,
    fill ``into``'s empty details from ``source``, delete ``source`` and return
    ``into``."""
    if not by.has_perm("articles.merge_sources"):
        raise PermissionDenied(_("You are not allowed to merge sources."))
    if source.pk == into.pk:
        raise ValidationError(
            _("A source cannot be merged into itself."), code="merge_into_itself"
        )
    # Lock both rows so that no import adds a reference half-way.
    locked = {
        s.pk: s
        for s in Source.objects.select_for_update().filter(pk__in=[source.pk, into.pk])
    }
    source, into = locked[source.pk], locked[into.pk]

    through = Article.sources.through
    already = through.objects.filter(source=into).values("article_id")
    through.objects.filter(source=source, article_id__in=already).delete()
    through.objects.filter(source=source).update(source=into)
    Image.objects.filter(credit=source).update(credit=into)
    Caption.objects.filter(credit=source).update(credit=into)
    SourceAlias.objects.filter(source=source).update(source=into)

    for name_field in ("name_en", "url"):
        if not getattr(into, name_field) and getattr(source, name_field):
            setattr(into, name_field, getattr(source, name_field))
    if into.kind == Source.Kind.OTHER and source.kind != Source.Kind.OTHER:
        into.kind = source.kind
    into.is_confirmed = into.is_confirmed or source.is_confirmed
    names = [source.name, source.name_en]
    source.delete()
    into.save()
    for name in names:
        _add_alias(into, name)
    sources_merged.send(sender=Source, source_name=names[0], into=into, by=by)
    return into
