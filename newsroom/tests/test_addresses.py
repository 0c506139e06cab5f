from django.test import override_settings
from django.urls import reverse as django_reverse
from django.urls import set_script_prefix

from newsroom.addresses import reverse


def test_gives_what_django_gives():
    for name, kwargs in [
        ("articles:home", None),
        ("articles:detail", {"pk": 7, "slug": "خبر-عاجل"}),
        ("articles:source", {"slug": "رويترز"}),
    ]:
        assert reverse(name, kwargs=kwargs) == django_reverse(name, kwargs=kwargs)
    assert reverse("articles:detail", args=(7, "خبر")) == django_reverse(
        "articles:detail", args=(7, "خبر")
    )


def test_follows_the_script_prefix():
    home = reverse("articles:home")
    set_script_prefix("/newsroom/")
    try:
        assert reverse("articles:home") == "/newsroom" + home
    finally:
        set_script_prefix("/")
    assert reverse("articles:home") == home


def test_follows_a_change_of_urlconf():
    home = reverse("articles:home")
    with override_settings(ROOT_URLCONF="newsroom.tests.urls_moved"):
        assert reverse("articles:home") == "/moved" + home
    assert reverse("articles:home") == home
