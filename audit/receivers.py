"""What writes the audit trail: Django's sign-in signals, django-axes' lockouts, the
user model's saves and role changes, the articles' status changes, and the domain's
own signals for imports and source merges."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from accounts.sessions import sessions_end
from accounts.signals import two_factor_event
from articles.models import ArticleTransition, DeskScope
from articles.signals import correction_published, sources_merged
from audit.context import actor_and_address
from audit.models import AuditEvent
from ingest.signals import files_imported

Action = AuditEvent.Action


def record(action, *, actor=None, actor_name="", address=None, subject="", **details):
    """Write one audit entry; the actor and address default to the current request's."""
    if actor is None and address is None:
        actor, address = actor_and_address()
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_name=actor_name or (actor.get_username() if actor else ""),
        address=address,
        subject=str(subject)[:300],
        details=details,
    )


def signed_in(sender, request=None, user=None, **kwargs):
    _actor, address = actor_and_address(request)
    record(Action.SIGNED_IN, actor=user, address=address)


def signed_out(sender, request=None, user=None, **kwargs):
    _actor, address = actor_and_address(request)
    record(Action.SIGNED_OUT, actor=user, address=address)


def sign_in_failed(sender, credentials=None, request=None, **kwargs):
    _actor, address = (
        actor_and_address(request) if request is not None else (None, None)
    )
    name = str((credentials or {}).get("username", ""))[:150]
    record(Action.SIGN_IN_FAILED, actor_name=name or "?", address=address)


def locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record(
        Action.LOCKED_OUT,
        actor_name=str(username or "?")[:150],
        address=ip_address or None,
    )


TWO_FACTOR_ACTIONS = {
    "enrolled": Action.TWO_FACTOR_ENROLLED,
    "failed": Action.TWO_FACTOR_FAILED,
    "backup_code_used": Action.BACKUP_CODE_USED,
    "reset": Action.TWO_FACTOR_RESET,
}


def two_factor(sender, event, user, request=None, **kwargs):
    """The second step of signing in: by the user in their browser, or a reset by
    an administrator (a command: no actor)."""
    actor, address = actor_and_address(request)
    record(
        TWO_FACTOR_ACTIONS[event],
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        address=address,
        subject=user.get_username(),
    )


def user_before_save(sender, instance, **kwargs):
    """Remember what the account was, to tell what a save changed."""
    before = sender.objects.filter(pk=instance.pk).values(
        "is_active", "is_staff", "is_superuser"
    )
    instance._audit_before = before.first() if instance.pk else None


def user_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    if created:
        record(Action.USER_CREATED, subject=instance.get_username())
        return
    if before is None:
        return
    if before["is_active"] and not instance.is_active:
        ended = sessions_end(instance)
        record(
            Action.USER_DEACTIVATED,
            subject=instance.get_username(),
            sessions_ended=ended,
        )
    elif not before["is_active"] and instance.is_active:
        record(Action.USER_REACTIVATED, subject=instance.get_username())
    changed = {
        flag: getattr(instance, flag)
        for flag in ("is_staff", "is_superuser")
        if before[flag] != getattr(instance, flag)
    }
    if changed:
        record(Action.ROLES_CHANGED, subject=instance.get_username(), **changed)


def roles_changed(sender, instance, action, model, pk_set, **kwargs):
    """A user's groups or permissions changed, from either side (``user.groups.add``
    or ``group.user_set.add``)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    User = get_user_model()
    if isinstance(instance, User):
        users, granted = [instance], model.objects.filter(pk__in=pk_set or ())
    else:
        users, granted = User.objects.filter(pk__in=pk_set or ()), [instance]
    for user in users:
        record(
            Action.ROLES_CHANGED,
            subject=user.get_username(),
            change=action.removeprefix("post_"),
            names=sorted(str(item) for item in granted),
        )


def scope_changed(sender, instance, action, model, pk_set, **kwargs):
    """The sections someone is limited to in the desk changed."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    record(
        Action.SCOPE_CHANGED,
        subject=instance.user.get_username(),
        change=action.removeprefix("post_"),
        names=sorted(str(s) for s in model.objects.filter(pk__in=pk_set or ())),
    )


def scope_removed(sender, instance, **kwargs):
    """Someone's desk scope was deleted: they see every section again."""
    record(
        Action.SCOPE_CHANGED,
        subject=instance.user.get_username(),
        change="clear",
        names=[],
    )


def article_moved(sender, instance, created, **kwargs):
    if not created:
        return
    _actor, address = actor_and_address()
    record(
        Action.ARTICLE_MOVED,
        actor=instance.by,
        address=address,
        subject=instance.article.headline,
        article=instance.article_id,
        move=instance.action,
        before=instance.from_status,
        after=instance.to_status,
        **({"note": instance.note} if instance.note else {}),
    )


def corrected(sender, correction=None, by=None, **kwargs):
    _actor, address = actor_and_address()
    record(
        Action.CORRECTED,
        actor=by,
        address=address,
        subject=correction.article.headline,
        article=correction.article_id,
        kind=correction.kind,
        proposed_by=correction.created_by.get_username()
        if correction.created_by
        else "",
    )


def imported(sender, user=None, counts=None, where="", **kwargs):
    _actor, address = actor_and_address()
    record(
        Action.IMPORTED,
        actor=user,
        address=address,
        subject=where,
        counts=dict(counts or {}),
    )


def merged(sender, source_name="", into=None, by=None, **kwargs):
    _actor, address = actor_and_address()
    record(
        Action.SOURCES_MERGED,
        actor=by,
        address=address,
        subject=f"{source_name} → {into.name if into else ''}",
    )


def connect():
    User = get_user_model()
    user_logged_in.connect(signed_in, dispatch_uid="audit-signed-in")
    user_logged_out.connect(signed_out, dispatch_uid="audit-signed-out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="audit-sign-in-failed")
    user_locked_out.connect(locked_out, dispatch_uid="audit-locked-out")
    pre_save.connect(user_before_save, sender=User, dispatch_uid="audit-user-before")
    post_save.connect(user_saved, sender=User, dispatch_uid="audit-user-saved")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(
            roles_changed, sender=through, dispatch_uid=f"audit-{through}"
        )
    m2m_changed.connect(
        scope_changed, sender=DeskScope.sections.through, dispatch_uid="audit-scope"
    )
    post_delete.connect(
        scope_removed, sender=DeskScope, dispatch_uid="audit-scope-removed"
    )
    post_save.connect(
        article_moved, sender=ArticleTransition, dispatch_uid="audit-article-moved"
    )
    files_imported.connect(imported, dispatch_uid="audit-imported")
    sources_merged.connect(merged, dispatch_uid="audit-merged")
    correction_published.connect(corrected, dispatch_uid="audit-corrected")
    two_factor_event.connect(two_factor, dispatch_uid="audit-two-factor")
