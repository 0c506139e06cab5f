"""The desk's three roles as groups of permissions.

The data migration ``desk_groups`` creates them on every database with its own frozen
copy of these lists; :func:`roles_sync` brings existing groups up to date when
permissions are added later (and recreates groups that were removed)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

REPORTER = "مراسل"
EDITOR = "محرر"
CHIEF = "رئيس التحرير"

_REPORTER = [
    "view_article",
    "add_article",
    "change_article",
    "submit_article",
    "view_caption",
    "add_caption",
    "change_caption",
    "delete_caption",
    "view_image",
    "add_image",
    "change_image",
    "view_source",
    "view_sourcealias",
    # Corrections: a reporter proposes, an editor publishes.
    "view_correction",
    "add_correction",
    "view_section",
    "view_tag",
    "add_tag",
    "view_tagalias",
    "view_author",
]
_EDITOR = [
    *_REPORTER,
    "publish_article",
    "edit_any_article",
    "publish_correction",
    "add_section",
    "change_section",
    "change_tag",
    "merge_tags",
    "add_tagalias",
    "change_tagalias",
    "delete_tagalias",
    "add_author",
    "change_author",
    # The front page: arrangements are added, never changed (see front_page.py).
    "view_frontpage",
    "add_frontpage",
    "view_frontpageslot",
    # The breaking-news line.
    "view_breakingnews",
    "add_breakingnews",
    "change_breakingnews",
    "delete_breakingnews",
]
_CHIEF = [
    *_EDITOR,
    "withdraw_article",
    "delete_article",
    "delete_image",
    "add_source",
    "change_source",
    "delete_source",
    "merge_sources",
    "add_sourcealias",
    "change_sourcealias",
    "delete_sourcealias",
    "delete_section",
    "delete_tag",
    "delete_author",
    # Desk scoping: the chief limits staff to some sections.
    "view_deskscope",
    "add_deskscope",
    "change_deskscope",
    "delete_deskscope",
    # Sign-in lockouts (django-axes): the chief sees and lifts them.
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
    # The audit trail (read-only for everyone; the chief alone reads it).
    "audit.view_auditevent",
]
#: Group name → the permissions it holds: codenames of ``articles``, or
#: ``app_label.codename`` for another app's.
DESK_ROLES = {REPORTER: _REPORTER, EDITOR: _EDITOR, CHIEF: _CHIEF}


@transaction.atomic
def roles_sync() -> dict[str, Group]:
    """Make sure each role's group exists and holds at least its permissions; return
    the groups by name. Permissions given to a group by hand are kept."""
    wanted = {_qualified(c) for codenames in DESK_ROLES.values() for c in codenames}
    apps = {app for app, _codename in wanted}
    permissions = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(
            content_type__app_label__in=apps
        ).select_related("content_type")
    }
    groups = {}
    for name, codenames in DESK_ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(
                permissions[key]
                for c in codenames
                if (key := _qualified(c)) in permissions
            )
        )
        groups[name] = group
    return groups


def _qualified(codename: str) -> tuple[str, str]:
    app, _dot, name = codename.rpartition(".")
    return (app or "articles", name)
