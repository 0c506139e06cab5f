import pytest
from django.templatetags.static import static as django_static
from django.test import override_settings
from django.urls import NoReverseMatch, set_script_prefix
from django.urls import reverse as django_reverse

from newsroom.addresses import reverse, static


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


def test_arguments_equal_in_python_but_written_differently_are_kept_apart():
    assert reverse("articles:detail-noslug", args=(1,)) == "/articles/1/"
    # True == 1 as a key, yet Django writes "True", which no address takes.
    with pytest.raises(NoReverseMatch):
        reverse("articles:detail-noslug", args=(True,))


def test_an_argument_that_cannot_be_a_key_is_asked_of_django():
    with pytest.raises(NoReverseMatch):
        reverse("articles:detail-noslug", args=([1],))


def test_static_gives_what_django_gives_and_follows_its_settings():
    assert static("css/site.css") == django_static("css/site.css")
    with override_settings(
        STATIC_URL="/assets/",
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            },
        },
    ):
        assert static("css/site.css") == "/assets/css/site.css"
    assert static("css/site.css") == django_static("css/site.css")
