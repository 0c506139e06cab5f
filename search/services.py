"""Keeping the search index up to date.

Every ``Article.save()`` and ``Caption.save()`` (admin forms and inlines included),
every ``bulk_create`` through their managers and every import already keep the index
current by themselves: the rows' keys are filled in Python and database triggers
rebuild the article's index entry in the same transaction. Only writes that bypass
``save()`` (``QuerySet.update()`` or ``bulk_update()`` of headline, standfirst, body or
caption text, raw SQL) need ``search_index_update``; a change of normaliser needs
``manage.py rebuild_search_index``.
"""

from django.db import connections, transaction

from articles.models import Article, Caption
from articles.search_keys import ARTICLE_KEY_FIELDS, article_search_keys
from articles.text import search_key
from search.sql import refresh_all


@transaction.atomic
def search_index_update(article: Article) -> Article:
    """Recompute the search keys of ``article`` and of its captions from what is stored
    and save them (the triggers refresh the index entry); return the article."""
    article.refresh_from_db(fields=["headline", "standfirst", "body"])
    _update_articles([article])
    _update_captions(article.captions.only("pk", "text", "search_key"))
    article.refresh_from_db(fields=ARTICLE_KEY_FIELDS)
    return article


def search_index_rebuild(*, batch_size: int = 500, dry_run: bool = False) -> int:
    """Recompute every article's and caption's keys and rebuild the whole index.
    Return the number of articles whose keys were stale (changed unless
    ``dry_run``). Each batch is its own transaction, so a large archive is never
    locked at once."""
    stale = 0
    articles = Article.objects.only(
        "pk", "headline", "standfirst", "body", *ARTICLE_KEY_FIELDS
    )
    for batch in _batches(articles, batch_size):
        with transaction.atomic():
            stale += _update_articles(batch, dry_run=dry_run)
    captions = Caption.objects.only("pk", "text", "search_key")
    for batch in _batches(captions, batch_size):
        with transaction.atomic():
            _update_captions(batch, dry_run=dry_run)
    if not dry_run:
        with transaction.atomic():
            refresh_all(connections[Article.objects.db])
    return stale


def _batches(queryset, size):
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _update_articles(articles, *, dry_run=False) -> int:
    changed = []
    for article in articles:
        keys = article_search_keys(article.headline, article.standfirst, article.body)
        if any(getattr(article, name) != value for name, value in keys.items()):
            for name, value in keys.items():
                setattr(article, name, value)
            changed.append(article)
    if changed and not dry_run:
        Article.objects.bulk_update(changed, ARTICLE_KEY_FIELDS)
    return len(changed)


def _update_captions(captions, *, dry_run=False) -> int:
    changed = []
    for caption in captions:
        key = search_key(caption.text)
        if caption.search_key != key:
            caption.search_key = key
            changed.append(caption)
    if changed and not dry_run:
        Caption.objects.bulk_update(changed, ["search_key"])
    return len(changed)
