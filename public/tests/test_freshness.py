"""When the public site last changed (``public/freshness.py``): the site's generation
moves on with every change readers see."""

import pytest

from articles.models import Section
from articles.tests.factories import make_author, make_section, make_tag
from public import freshness
from public.tests.test_taxonomy_pages import published

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_sections")]


@pytest.mark.parametrize(
    "change",
    [
        lambda: make_section("قسم جديد"),
        lambda: make_tag("وسم جديد"),
        lambda: make_author("كاتب جديد"),
        lambda: published().tags.add(make_tag("وسم آخر")),
        lambda: published().sections.add(Section.objects.get(name="سياسة")),
    ],
)
def test_changes_to_sections_tags_and_authors_refresh_public_pages(change):
    before = freshness.current().generation
    change()
    assert freshness.current().generation > before
