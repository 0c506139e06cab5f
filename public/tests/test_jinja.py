"""The public pages' Jinja2 environment (public.jinja): what the Django tags gave
the templates, the same way."""

from datetime import UTC, datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from articles.tests.factories import make_article, make_source
from public.jinja import articles_found, date, querystring

pytestmark = pytest.mark.django_db


def test_querystring_keeps_the_readers_filters(rf):
    request = rf.get("/archive/", {"q": "غزة", "source": "3", "page": "2"})
    assert querystring(request, page=3) == "?q=%D8%BA%D8%B2%D8%A9&source=3&page=3"
    assert querystring(request, page=None) == "?q=%D8%BA%D8%B2%D8%A9&source=3"


def test_article_counts_take_every_arabic_plural_form():
    with translation.override("ar"):
        assert [articles_found(n) for n in (1, 2, 3, 11, 100)] == [
            "مقال واحد",
            "مقالان",
            "3 مقالات",
            "11 مقالًا",
            "100 مقال",
        ]


def test_the_test_client_sees_the_template_and_its_context(client):
    article = make_article(status="published", headline="خبر للاختبار")
    response = client.get(article.get_absolute_url())
    assert [t.name for t in response.templates] == ["public/article_detail.html"]
    assert response.context["article"] == article


def test_values_are_escaped_and_missing_ones_render_as_nothing(rf):
    source = make_source(name="<b>وكالة</b> & شركاه")
    html = render_to_string(
        "public/source_detail.html",
        {"owner": source, "source": source, "articles": []},
        request=rf.get(source.get_absolute_url()),
    )
    assert "&lt;b&gt;وكالة&lt;/b&gt; &amp; شركاه" in html
    assert "<b>" not in html
    # No page_obj, feed addresses or breaking news here: nothing is printed.
    assert 'href=""' in html
    assert "None" not in html and "Undefined" not in html


def test_dates_are_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Asia/Qatar"
    late_on_the_4th_in_utc = datetime(2026, 3, 4, 22, 30, tzinfo=UTC)
    with translation.override("ar"):
        assert date(late_on_the_4th_in_utc, "j F Y") == "5 مارس 2026"


def test_interface_strings_follow_the_active_language():
    from public.jinja import translated

    with translation.override("ar"):
        assert translated("Related stories") == "أخبار ذات صلة"
    with translation.override("en"):
        assert translated("Related stories") == "Related stories"
    with translation.override("ar"):
        assert translated("Related stories") == "أخبار ذات صلة"
