"""Staff users in the desk's three roles (the groups made by migration)."""

from django.contrib.auth.models import Group

from articles.services.roles import CHIEF, EDITOR, REPORTER, roles_sync

from .factories import make_user

__all__ = ["CHIEF", "EDITOR", "REPORTER", "chief", "editor", "make_staff", "reporter"]


def make_staff(username, role):
    """Return an active staff user in the group ``role`` (None: staff, no group).
    Transactional tests (browser tests) empty the database when they end, groups
    made by migrations included: the group is then made again."""
    user = make_user(username, is_staff=True)
    if role:
        group = Group.objects.filter(name=role).first() or roles_sync()[role]
        user.groups.add(group)
    return user


def reporter(username="reporter"):
    return make_staff(username, REPORTER)


def editor(username="editor"):
    return make_staff(username, EDITOR)


def chief(username="chief"):
    return make_staff(username, CHIEF)
