"""Unsaved changes kept as an editor types (``Autosave``): stored every few seconds by
the change form's script, offered back when the form is opened again, dropped by a
real save. A second tab writing over the first's is refused with a warning until the
editor chooses which tab to keep."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticlePresence
from desk.models import Autosave

#: The form fields kept, and the longest text accepted for each.
FIELDS = {
    "headline": 300,
    "slug": 200,
    "standfirst": 2_000,
    "byline": 200,
    "body": 200_000,
}
#: Another tab's autosave newer than this means that tab is still being typed in.
TAB_ACTIVE = timedelta(minutes=2)
#: Others who opened the article this recently are named in the answer.
OTHERS_ACTIVE = timedelta(minutes=10)


@dataclass
class Stored:
    saved: bool
    saved_at: object = None
    other_tab: bool = False
    others: tuple = ()


def clean_data(data) -> dict:
    """The kept fields of ``data`` (a form's POST), each cut to its longest length."""
    return {
        name: str(data[name])[:limit] for name, limit in FIELDS.items() if name in data
    }


@transaction.atomic
def autosave_store(
    user, article: Article | None, data, *, tab: str, base_version, force=False
) -> Stored:
    """Keep ``data`` as ``user``'s unsaved changes of ``article`` (None: a new one),
    written from browser tab ``tab``. Refused (``other_tab``) when another tab kept
    changes in the last :data:`TAB_ACTIVE`, unless ``force``."""
    current = (
        Autosave.objects.select_for_update().filter(user=user, article=article).first()
    )
    others = _others(user, article)
    if (
        current is not None
        and current.tab != tab
        and not force
        and timezone.now() - current.saved_at < TAB_ACTIVE
    ):
        return Stored(False, current.saved_at, other_tab=True, others=others)
    if current is None:
        current = Autosave(user=user, article=article)
    current.tab = tab[:64]
    current.base_version = base_version
    current.data = clean_data(data)
    current.save()
    return Stored(True, current.saved_at, others=others)


def _others(user, article):
    if article is None:
        return ()
    since = timezone.now() - OTHERS_ACTIVE
    return tuple(
        ArticlePresence.objects.filter(article=article, seen_at__gte=since)
        .exclude(user=user)
        .values_list("user__username", flat=True)
    )


def autosave_offer(user, article: Article | None) -> Autosave | None:
    """``user``'s unsaved changes of ``article`` worth offering back: those that
    differ from the article as stored (any, for a new article)."""
    kept = Autosave.objects.filter(user=user, article=article).first()
    if kept is None:
        return None
    if article is not None and all(
        getattr(article, name) == value for name, value in kept.data.items()
    ):
        return None
    return kept


def autosave_discard(user, article: Article | None) -> None:
    Autosave.objects.filter(user=user, article=article).delete()
