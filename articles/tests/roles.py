"""Staff users in the desk's three roles (the groups made by migration)."""

from django.contrib.auth.models import Group

from .factories import make_user

REPORTER, EDITOR, CHIEF = "مراسل", "محرر", "رئيس التحرير"


def make_staff(username, role):
    """Return an active staff user in the group ``role`` (None: staff, no group)."""
    user = make_user(username, is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def reporter(username="reporter"):
    return make_staff(username, REPORTER)


def editor(username="editor"):
    return make_staff(username, EDITOR)


def chief(username="chief"):
    return make_staff(username, CHIEF)
