"""Desk scoping: the sections a member of staff is limited to (``DeskScope``), read
once per user object. Services, querysets and the desk share these answers."""

from django.db.models import Q

from .models import Article, DeskScope, Section

_UNREAD = object()


def scope_section_ids(user) -> frozenset[int] | None:
    """The ids of the sections ``user`` works in (those of their scope and their
    subsections), or None when the whole desk is theirs (no scope, an empty one, or
    a superuser). One query, the first time for this user object."""
    ids = getattr(user, "_desk_scope_ids", _UNREAD)
    if ids is not _UNREAD:
        return ids
    ids = None
    if user.is_authenticated and not user.is_superuser:
        chosen = DeskScope.sections.through.objects.filter(
            deskscope__user=user.pk
        ).values("section_id")
        found = frozenset(
            Section.objects.filter(Q(pk__in=chosen) | Q(parent__in=chosen)).values_list(
                "pk", flat=True
            )
        )
        ids = found or None
    user._desk_scope_ids = ids
    return ids


def is_scoped(user) -> bool:
    return scope_section_ids(user) is not None


def in_scope(user, article: Article) -> bool:
    """Whether ``article``'s primary section is one ``user`` works in (always, for
    someone without a scope)."""
    ids = scope_section_ids(user)
    return ids is None or article.section_id in ids


def sections_in_scope(user, sections) -> bool:
    """Whether every one of ``sections`` (Section objects or None) is one ``user``
    works in."""
    ids = scope_section_ids(user)
    return ids is None or all(
        section is not None and section.pk in ids for section in sections
    )
