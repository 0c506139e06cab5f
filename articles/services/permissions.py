"""Who may do what to an article: the object-level rules the admin and services share.

Model permissions come from the groups (مراسل, محرر, رئيس التحرير); these functions add
what a permission table cannot say, such as "a reporter edits only their own drafts".
"""

from ..models import Article


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
