"""The audit trail: who did what, when and from where, for each kind of event the
chief editor must be able to answer for; read-only in the desk, for the chief alone."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.models import Correction
from articles.services import (
    article_publish,
    article_reinstate,
    article_withdraw,
    correction_add,
    correction_publish,
    source_merge,
)
from articles.services.roles import EDITOR
from articles.tests.factories import chief, editor, make_article, make_source, reporter
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action
LOGIN = "/admin/login/"


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("at", "id"))


def test_sign_ins_failures_and_lockouts_with_their_address(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    amal = editor("amal")
    amal.set_password("s3cret-pass")
    amal.save()
    client.post(LOGIN, {"username": "amal", "password": "s3cret-pass"})
    client.post("/admin/logout/")
    for _attempt in range(3):
        client.post(LOGIN, {"username": "amal", "password": "wrong"})

    (signed_in,) = events(Action.SIGNED_IN)
    assert (signed_in.actor, signed_in.address) == (amal, "127.0.0.1")
    assert events(Action.SIGNED_OUT)[0].actor == amal
    failures = events(Action.SIGN_IN_FAILED)
    assert failures and all(e.actor_name == "amal" for e in failures)
    assert all(e.address == "127.0.0.1" for e in failures)
    (locked,) = events(Action.LOCKED_OUT)[:1]
    assert (locked.actor_name, locked.address) == ("amal", "127.0.0.1")


def test_accounts_created_deactivated_and_given_roles():
    hind = reporter("hind")
    assert events(Action.USER_CREATED)[-1].subject == "hind"

    Group.objects.get(name=EDITOR).user_set.add(hind)
    (roles,) = [e for e in events(Action.ROLES_CHANGED) if EDITOR in e.details["names"]]
    assert (roles.subject, roles.details["change"]) == ("hind", "add")
    hind.is_superuser = True
    hind.save()
    assert events(Action.ROLES_CHANGED)[-1].details == {"is_superuser": True}

    hind.is_active = False
    hind.save()
    (deactivated,) = events(Action.USER_DEACTIVATED)
    assert deactivated.subject == "hind"
    hind.is_active = True
    hind.save()
    assert events(Action.USER_REACTIVATED)[0].subject == "hind"


def test_deactivating_a_user_ends_their_sessions_at_once(client):
    hind = reporter("hind")
    client.force_login(hind)
    assert client.get("/admin/").status_code == 200
    hind.is_active = False
    hind.save()
    assert client.get("/admin/").status_code == 302  # back to the sign-in page
    (deactivated,) = events(Action.USER_DEACTIVATED)
    assert deactivated.details["sessions_ended"] >= 0


def test_publishing_imports_and_merges(tmp_path, seed_bytes, desk_sources):
    amal = editor("amal")
    article = make_article(sources=[make_source(name="وفا")])
    article_publish(article, by=amal)
    (moved,) = events(Action.ARTICLE_MOVED)
    assert (moved.actor, moved.subject) == (amal, article.headline)
    assert (moved.details["move"], moved.details["after"]) == ("publish", "published")

    (tmp_path / "seed.txt").write_bytes(seed_bytes)
    call_command(
        "import_articles", str(tmp_path), "--user", "amal", stdout=io.StringIO()
    )
    (imported,) = events(Action.IMPORTED)
    assert imported.actor == amal and imported.details["counts"] == {"created": 1}
    assert str(tmp_path) in imported.subject

    boss = chief("boss")
    kept, gone = make_source(name="رويترز الجديدة"), make_source(name="رويتر")
    source_merge(gone, into=kept, by=boss)
    (merged,) = events(Action.SOURCES_MERGED)
    assert (merged.actor, merged.subject) == (boss, "رويتر → رويترز الجديدة")


def test_the_trail_is_read_only_and_for_the_chief_alone(client):
    editor("amal")
    boss = chief("boss")
    client.force_login(editor("other"))
    assert client.get("/admin/audit/auditevent/").status_code == 403
    client.force_login(boss)
    page = client.get("/admin/audit/auditevent/")
    assert page.status_code == 200
    assert "amal" in page.content.decode()  # the account created above
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    entry = AuditEvent.objects.first()
    response = client.post(
        f"/admin/audit/auditevent/{entry.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=entry.pk).exists()


def test_takedowns_keep_their_reason_and_corrections_their_editor():
    boss, desk = chief("boss"), editor("amal")
    article = make_article(status="published")
    article_withdraw(article, by=boss, reason="حكم قضائي")
    article_reinstate(article, by=boss)
    withdrawn, reinstated = events(Action.ARTICLE_MOVED)
    assert (withdrawn.actor, withdrawn.details["move"], withdrawn.details["note"]) == (
        boss,
        "withdraw",
        "حكم قضائي",
    )
    assert reinstated.details["move"] == "reinstate"
    assert "note" not in reinstated.details

    proposed = correction_add(
        article, by=reporter("sami"), kind=Correction.Kind.CORRECTION, text="نص"
    )
    assert not events(Action.CORRECTED)
    correction_publish(proposed, by=desk)
    (corrected,) = events(Action.CORRECTED)
    assert (corrected.actor, corrected.subject) == (desk, article.headline)
    assert corrected.details == {
        "article": article.pk,
        "kind": "correction",
        "proposed_by": "sami",
    }
