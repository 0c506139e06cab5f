import pytest

from .factories import make_user

pytestmark = pytest.mark.django_db


def test_admin_index_is_arabic_and_right_to_left(client):
    client.force_login(make_user("chief", superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "المقالات" in html and "المصادر" in html


def test_admin_switches_to_english_for_staff_who_prefer_it(client):
    client.force_login(make_user("chief", superuser=True))
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    html = client.get("/admin/").content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert "Articles" in html


def test_admin_requires_login(client):
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_stays_arabic_for_a_browser_asking_for_english(client):
    client.force_login(make_user("chief", superuser=True))
    html = client.get("/admin/", headers={"accept-language": "en-US,en;q=0.9"}).content
    assert '<html lang="ar" dir="rtl"' in html.decode()


def test_public_pages_stay_arabic_even_after_choosing_english_in_the_admin(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    html = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
