"""Who may do what to an article or a photo: the object-level rules the admin and
services share.

Model permissions come from the groups (مراسل, محرر, رئيس التحرير); these functions add
what a permission table cannot say, such as "a reporter edits only their own drafts".
"""

from ..models import Article, Caption, Image


def can_edit_article(user, article: Article | None) -> bool:
    """Return whether ``user`` may change ``article`` (or articles at all when None):
    editors any article; reporters only their own drafts."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if article is None or user.has_perm("articles.edit_any_article"):
        return True
    return article.created_by_id == user.pk and article.status == Article.Status.DRAFT


def is_author(user, article: Article) -> bool:
    return article.created_by_id is not None and article.created_by_id == user.pk


def changeable_images(user, images) -> set[int]:
    """Return the ids of ``images`` that ``user`` may change (their file, alt text or
    credit), in at most one query. Editors may change any photo. A reporter may
    change a photo used in nothing but their own drafts, or used nowhere yet and
    uploaded by them: a change to a photo shows at once in every article using it."""
    images = [image for image in images if image is not None and image.pk]
    if not (user.is_active and user.has_perm("articles.change_image")):
        return set()
    if user.has_perm("articles.edit_any_article"):
        return {image.pk for image in images}
    uses = Caption.objects.filter(image__in=images).values_list(
        "image_id", "article__created_by", "article__status"
    )
    used, shared = set(), set()
    for image_id, author_id, status in uses:
        used.add(image_id)
        if author_id != user.pk or status != Article.Status.DRAFT:
            shared.add(image_id)
    return {
        image.pk
        for image in images
        if (image.pk in used and image.pk not in shared)
        or (image.pk not in used and image.uploaded_by_id == user.pk)
    }


def can_change_image(user, image: Image | None) -> bool:
    """Return whether ``user`` may change ``image``, or images at all when None (see
    :func:`changeable_images`)."""
    if image is None or image.pk is None:
        return user.is_active and user.has_perm("articles.change_image")
    return image.pk in changeable_images(user, [image])
