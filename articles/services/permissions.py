"""Who may do what to an article or a photo: the object-level rules the admin and
services share.

Model permissions come from the groups (مراسل, محرر, رئيس التحرير); these functions add
what a permission table cannot say, such as "a reporter edits only their own drafts".
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from ..models import Article, Caption, Image, Section
from ..scopes import in_scope, is_scoped, sections_in_scope


def can_edit_article(user, article: Article | None) -> bool:
    """Return whether ``user`` may change ``article`` (or articles at all when None):
    editors any article; reporters only their own drafts; someone limited to some
    sections only the articles of those (see ``articles.scopes``)."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if article is None:
        return True
    if not in_scope(user, article):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.created_by_id == user.pk and article.status == Article.Status.DRAFT


def stored_in_scope(user, article: Article) -> bool:
    """Whether ``article`` as stored (its form may have changed its section in
    memory) is in ``user``'s scope; no query for someone unscoped."""
    if not is_scoped(user):
        return True
    stored = Article.objects.filter(pk=article.pk).values("section_id").first()
    return stored is not None and in_scope(
        user, Article(section_id=stored["section_id"])
    )


def check_sections_in_scope(user, section: Section | None, others=()) -> None:
    """Raise PermissionDenied unless ``user`` may file an article under ``section``
    (its primary one) and ``others``: a scoped user only in their sections."""
    if not sections_in_scope(user, [section, *others]):
        raise PermissionDenied(
            _("You may only file articles in the sections you work in.")
        )


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
