"""POST data for the desk's article form, as a browser would send it."""

from django.utils import timezone


def article_form_data(article, *, captions=None, authors=None, **overrides):
    """Return the change form's data for ``article`` as stored (its figures as the
    inline formset ``captions``, its authors in order as ``authors``), with
    ``overrides`` applied."""
    published = (
        timezone.localtime(article.published_at) if article.published_at else None
    )
    data = {
        "loaded_version": article.version,
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "byline": article.byline,
        "sources": [s.pk for s in article.sources.all()] if article.pk else [],
        "published_at_0": published.strftime("%Y-%m-%d") if published else "",
        "published_at_1": published.strftime("%H:%M:%S") if published else "",
        "original_url": article.original_url,
        "section": article.section_id or "",
        "sections": [s.pk for s in article.sections.all()] if article.pk else [],
        "tags": [t.pk for t in article.tags.all()] if article.pk else [],
        "new_tags": "",
    }
    credits = list(article.article_authors.order_by("position")) if article.pk else []
    rows = [(credit.pk, credit.author_id, False) for credit in credits]
    if authors is not None:
        # The stored rows removed, the wanted authors added in order.
        rows = [(pk, author, True) for pk, author, _delete in rows]
        rows += [(None, author.pk, False) for author in authors]
    data.update(
        {
            "article_authors-TOTAL_FORMS": len(rows),
            "article_authors-INITIAL_FORMS": len(credits),
            "article_authors-MIN_NUM_FORMS": 0,
            "article_authors-MAX_NUM_FORMS": 1000,
        }
    )
    for index, (pk, author_id, delete) in enumerate(rows):
        prefix = f"article_authors-{index}-"
        data.update(
            {
                prefix + "id": pk or "",
                prefix + "author": author_id,
                prefix + "position": index,
                prefix + "article": article.pk or "",
            }
        )
        if delete:
            data[prefix + "DELETE"] = "on"
    if captions is None:
        captions = list(article.captions.select_related("image").order_by("position"))
    data.update(
        {
            "captions-TOTAL_FORMS": len(captions),
            "captions-INITIAL_FORMS": sum(1 for c in captions if c.pk),
            "captions-MIN_NUM_FORMS": 0,
            "captions-MAX_NUM_FORMS": 1000,
        }
    )
    for index, caption in enumerate(captions):
        prefix = f"captions-{index}-"
        data.update(
            {
                prefix + "id": caption.pk or "",
                prefix + "article": article.pk,
                prefix + "image": caption.image_id or "",
                prefix + "alt_text": caption.image.alt_text if caption.image_id else "",
                prefix + "text": caption.text,
                prefix + "credit": caption.credit_id or "",
                prefix + "credit_note": caption.credit_note,
                prefix + "position": caption.position,
            }
        )
    data.update(overrides)
    return data


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def save_form(client, article, **changes):
    """Save ``article``'s change form with ``changes``, as a browser would, and return
    the article as stored after it."""
    article.refresh_from_db()
    response = client.post(change_url(article), article_form_data(article, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    return article
