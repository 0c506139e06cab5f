"""Staff sessions: listed where they came from, signed out everywhere else, ended by
a password change, by an idle timeout and by an absolute lifetime."""

import io
import time

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from pytest_django.asserts import assertContains

from accounts import sessions
from accounts.models import UserSession
from accounts.tests.two_factor import second_step_done
from articles.tests.factories import editor, make_user
from articles.tests.html import elements

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
SESSIONS = "/admin/sessions/"


def signed_in(username, address="198.51.100.1", browser="Firefox/140.0", lang="en"):
    """A browser signed in through the desk's login form and past the second step,
    its desk in ``lang``."""
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=browser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.post(
        LOGIN, {"username": username, "password": "pw", "next": "/admin/"}
    )
    assert response.status_code == 302, "the sign-in failed"
    second_step_done(client, get_user_model().objects.get(username=username))
    return client


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


def rows(response):
    """The sessions table's rows, as the text of their cells."""
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self.in_body, self.cell = [], False, None

        def handle_starttag(self, tag, attrs):
            if tag == "tbody":
                self.in_body = True
            elif tag == "tr" and self.in_body:
                self.rows.append([])
            elif tag == "td" and self.in_body:
                self.cell = ""

        def handle_endtag(self, tag):
            if tag == "td" and self.cell is not None:
                self.rows[-1].append(" ".join(self.cell.split()))
                self.cell = None
            elif tag == "tbody":
                self.in_body = False

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

    parser = Cells()
    parser.feed(response.content.decode())
    return parser.rows


def age(client, **seconds_ago):
    """Move the client's session's clocks back by the given seconds."""
    session = client.session
    for key, seconds in seconds_ago.items():
        session[key] = int(time.time()) - seconds
    session.save()


def test_a_sign_in_records_who_when_where_and_which_browser():
    user = editor("amal")
    client = signed_in("amal", "198.51.100.7", "Mozilla/5.0 Firefox/140.0")
    (row,) = UserSession.objects.filter(user=user)
    assert row.session_key == client.cookies["sessionid"].value
    assert row.ip_address == "198.51.100.7"
    assert row.user_agent == "Mozilla/5.0 Firefox/140.0"
    assert row.signed_in_at is not None
    assert row.last_seen == row.signed_in_at


def test_staff_see_their_own_sessions_only():
    editor("amal")
    editor("huda")
    here = signed_in("amal", "198.51.100.1", "Firefox/140.0")
    signed_in("amal", "203.0.113.9", "Chrome/150.0")
    signed_in("huda", "192.0.2.44", "Safari/20.0")

    response = here.get(SESSIONS)

    assert response.status_code == 200
    assert response["Cache-Control"].count("no-cache")
    listed = rows(response)
    assert len(listed) == 2
    addresses = {row[2]: row for row in listed}
    assert set(addresses) == {"198.51.100.1", "203.0.113.9"}
    assert "(this session)" in addresses["198.51.100.1"][0]
    assert "(this session)" not in addresses["203.0.113.9"][0]
    assert addresses["203.0.113.9"][3] == "Chrome/150.0"


def test_the_desk_links_to_the_sessions_page(client):
    client.force_login(editor("amal"))
    response = client.get("/admin/")
    assert elements(response, "a", href=SESSIONS)


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(client, method):
    response = getattr(client, method)(SESSIONS)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_sign_out_everywhere_else_keeps_this_session_and_no_one_elses():
    editor("amal")
    editor("huda")
    here = signed_in("amal")
    laptop, phone = signed_in("amal"), signed_in("amal")
    colleague = signed_in("huda")

    response = here.post(SESSIONS, follow=True)

    assert "Signed out of 2 other sessions." in response.content.decode()
    assert is_signed_in(here)
    assert not is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert is_signed_in(colleague)
    assert len(rows(here.get(SESSIONS))) == 1


def test_a_password_change_signs_out_the_other_sessions_only():
    editor("amal")
    here, elsewhere = signed_in("amal"), signed_in("amal")

    response = here.post(
        "/admin/password_change/",
        {
            "old_password": "pw",
            "new_password1": "a long new passphrase 2026",
            "new_password2": "a long new passphrase 2026",
        },
    )

    assert response.status_code == 302
    assert is_signed_in(here)  # update_session_auth_hash kept this one
    assert not is_signed_in(elsewhere)
    assert len(rows(here.get(SESSIONS))) == 1
    assert UserSession.objects.filter(user__username="amal").count() == 1


def test_a_password_set_by_the_chief_signs_the_user_out_everywhere():
    make_user("chief", superuser=True)
    amal = editor("amal")
    amal_browser = signed_in("amal")
    chief = signed_in("chief")

    response = chief.post(
        f"/admin/auth/user/{amal.pk}/password/",
        {
            "usable_password": "true",
            "password1": "a long new passphrase 2026",
            "password2": "a long new passphrase 2026",
        },
    )

    assert response.status_code == 302
    assert not is_signed_in(amal_browser)
    assert is_signed_in(chief)


def test_an_idle_session_is_signed_out_with_a_message(settings):
    settings.NEWSROOM_SESSION_IDLE_SECONDS = 30 * 60
    editor("amal")
    client = signed_in("amal")
    age(client, **{sessions.LAST_SEEN: 30 * 60 + 1})

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert (
        "You were signed out after 30 minutes without activity."
        in response.content.decode()
    )
    assert SESSION_KEY not in client.session
    assert not UserSession.objects.filter(user__username="amal").exists()


def test_activity_keeps_a_session_and_is_recorded_once_a_minute(settings):
    settings.NEWSROOM_SESSION_IDLE_SECONDS = 30 * 60
    editor("amal")
    client = signed_in("amal")
    age(client, **{sessions.LAST_SEEN: 29 * 60})

    before = int(time.time())
    assert is_signed_in(client)
    last_seen = client.session[sessions.LAST_SEEN]
    assert before <= last_seen <= time.time()
    row = UserSession.objects.get(user__username="amal")
    assert row.last_seen.timestamp() == last_seen
    # Within the minute that follows, requests write no session.
    assert is_signed_in(client)
    assert client.session[sessions.LAST_SEEN] == last_seen


def test_a_session_ends_after_its_lifetime_however_busy(settings):
    settings.NEWSROOM_SESSION_MAX_SECONDS = 8 * 60 * 60
    editor("amal")
    client = signed_in("amal")
    age(client, **{sessions.SIGNED_IN_AT: 8 * 60 * 60, sessions.LAST_SEEN: 10})

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert "Sessions last 8 hours at most." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_session_cookie_expires_with_the_idle_timeout(settings):
    assert settings.SESSION_COOKIE_AGE == settings.NEWSROOM_SESSION_IDLE_SECONDS
    editor("amal")
    client = signed_in("amal")
    assert int(client.cookies["sessionid"]["max-age"]) == settings.SESSION_COOKIE_AGE


def test_readers_without_a_session_get_none(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz").status_code == 200
    assert "sessionid" not in client.cookies


def test_end_sessions_signs_a_user_out_everywhere():
    editor("amal")
    editor("huda")
    laptop, phone, colleague = signed_in("amal"), signed_in("amal"), signed_in("huda")
    out = io.StringIO()

    call_command("end_sessions", "amal", "--dry-run", stdout=out)
    assert "Would end 2 sessions of amal." in out.getvalue()
    assert is_signed_in(laptop)
    call_command("end_sessions", "amal", stdout=out)

    assert "Ended 2 sessions of amal." in out.getvalue()
    assert not is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert is_signed_in(colleague)
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("end_sessions", "nobody")


def test_the_sessions_page_is_in_arabic_by_default():
    editor("amal")
    client = signed_in("amal", lang="ar")
    response = client.get(SESSIONS)
    content = response.content.decode()
    assertContains(response, "<h1>جلساتك</h1>", html=True)
    assert "تسجيل الخروج من كل مكان آخر" in content
    assert "(هذه الجلسة)" in rows(response)[0][0]
    after = client.post(SESSIONS, follow=True).content.decode()
    assert "لم تكن مسجّل الدخول في أي مكان آخر." in after


def test_readers_pages_stay_cacheable(client):
    response = client.get("/healthz")
    assert "Cookie" not in response.get("Vary", "")
