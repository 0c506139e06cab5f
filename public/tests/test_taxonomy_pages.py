"""The pages of sections, tags and authors, their feeds and sitemaps, the article
page's breadcrumb, tags, authors and structured data, and the sections in the
navigation."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section
from articles.tests.factories import (
    make_article,
    make_author,
    make_caption,
    make_section,
    make_source,
    make_tag,
)
from articles.tests.html import elements
from public import navigation
from public.tests.test_seo import Head
from public.tests.test_views import jpeg, make_photo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_sections")]


SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def published(headline="خبر منشور", hours_ago=1, **fields):
    fields.setdefault("published_at", timezone.now() - timedelta(hours=hours_ago))
    return make_article(headline=headline, status="published", **fields)


def card_titles(response):
    return re.findall(
        r'<h3 class="card__title"><a [^>]*>([^<]+)</a>', response.content.decode()
    )


# Section pages


def test_a_section_lists_its_own_other_and_subsection_articles_newest_first(client):
    sport = Section.objects.get(name="رياضة")
    football = make_section("كرة القدم", parent=sport, description="الدوريات والكؤوس.")
    own = published("خبر رياضي", hours_ago=1, section=sport)
    also = published("خبر في قسمين", hours_ago=2, sections=[sport])
    child = published("مباراة الأمس", hours_ago=3, section=football)
    published("خبر سياسي", section=Section.objects.get(name="سياسة"))
    make_article(headline="مسودة رياضية", section=sport)
    response = client.get(sport.get_absolute_url())
    assert response.status_code == 200
    assert card_titles(response) == [own.headline, also.headline, child.headline]
    html = response.content.decode()
    assert elements(html, "html", lang="ar", dir="rtl")
    assert elements(html, "h1", text="رياضة")
    response = client.get(football.get_absolute_url())
    assert card_titles(response) == [child.headline]
    html = response.content.decode()
    # A subsection's page leads back to its parent.
    assert elements(html, "a", href=sport.get_absolute_url(), text="رياضة")
    assert elements(html, "meta", name="description", content="الدوريات والكؤوس.")


def test_list_pages_are_paginated_and_unknown_slugs_answer_404(client):
    tag = make_tag("ليبيا")
    for n in range(21):
        published(f"خبر {n}", hours_ago=n + 1, tags=[tag])
    assert len(card_titles(client.get(tag.get_absolute_url()))) == 20
    second = client.get(tag.get_absolute_url() + "?page=2")
    assert card_titles(second) == ["خبر 20"]
    for prefix in ("sections", "tags", "authors"):
        assert client.get(f"/{prefix}/لا-يوجد/").status_code == 404


def test_a_tag_page_lists_its_articles(client):
    libya = make_tag("ليبيا")
    tagged = published("خبر عن ليبيا", tags=[libya])
    published("خبر آخر", tags=[make_tag("تونس")])
    response = client.get(libya.get_absolute_url())
    assert card_titles(response) == [tagged.headline]
    assert elements(response.content.decode(), "h1", text="ليبيا")


def test_an_author_page_shows_who_they_are_and_their_articles(client):
    sara = make_author(
        "سارة حسن",
        role="مراسلة القاهرة",
        bio="تغطي الشؤون المصرية منذ عشر سنوات.",
        links="https://example.com/sara",
    )
    sara.photo.save("sara.jpg", ContentFile(jpeg(200, 200).read()), save=True)
    theirs = published("تقرير من القاهرة", authors=[sara])
    published("خبر لغيرها", authors=[make_author("أحمد علي")])
    response = client.get(sara.get_absolute_url())
    html = response.content.decode()
    assert card_titles(response) == [theirs.headline]
    assert elements(html, "h1", text="سارة حسن")
    assert elements(html, "p", text="مراسلة القاهرة")
    assert elements(html, "a", href="https://example.com/sara", rel="me noopener")
    assert elements(html, "img", src=sara.photo.url, alt="")


LIST_PAGES = ["SECTION", "TAG", "AUTHOR"]


def _owners(size):
    """``size * 3`` published articles in one section, with one tag and one author,
    each with ``size`` figures and sources."""
    section, tag, author = make_section(), make_tag(), make_author()
    sources = [make_source() for _ in range(size)]
    for n in range(size * 3):
        article = published(
            f"خبر {n}",
            hours_ago=n + 1,
            section=section,
            tags=[tag],
            authors=[author],
            sources=sources,
        )
        for position in range(1, size + 1):
            make_caption(article, position, image=make_photo())
    return {"SECTION": section, "TAG": tag, "AUTHOR": author}


@pytest.mark.parametrize("page", LIST_PAGES)
def test_list_pages_take_three_queries_whatever_their_content(
    client, django_assert_num_queries, page
):
    for size in (1, 4):
        Article.objects.all().delete()
        owner = _owners(size)[page]
        navigation.main_sections()  # read once until a section changes
        # the owner, the count, the page of cards with their sources; a section
        # also its front's stories
        with django_assert_num_queries(4 if page == "SECTION" else 3):
            response = client.get(owner.get_absolute_url())
        assert response.status_code == 200
        assert len(card_titles(response)) == size * 3


@pytest.mark.parametrize("page", LIST_PAGES)
def test_list_pages_are_cacheable_and_advertise_their_feeds(client, page):
    owner = _owners(1)[page]
    response = client.get(owner.get_absolute_url())
    assert "public" in response["Cache-Control"]
    assert response["ETag"] and not response.cookies
    kind = page.lower()
    html = response.content.decode()
    for feed, mime in (("rss", "rss+xml"), ("atom", "atom+xml")):
        url = reverse(f"articles:{kind}-{feed}", kwargs={"slug": owner.slug})
        assert elements(
            html, "link", rel="alternate", type=f"application/{mime}", href=url
        )
        assert client.get(url).status_code == 200
    etag = client.get(owner.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert etag.status_code == 304


@pytest.mark.parametrize("page", LIST_PAGES)
def test_feeds_list_only_the_articles_of_their_page(client, page):
    owner = _owners(1)[page]
    published("خبر لا علاقة له")
    kind = page.lower()
    for feed in ("rss", "atom"):
        response = client.get(
            reverse(f"articles:{kind}-{feed}", kwargs={"slug": owner.slug})
        )
        root = ET.fromstring(response.content)  # noqa: S314 (our own output)
        found = [el.text for el in root.iter() if el.tag.endswith("title")]
        assert "خبر 0" in found and "خبر لا علاقة له" not in found


def test_sitemaps_list_sections_and_the_tags_and_authors_with_articles(client):
    tag, author = make_tag("ليبيا"), make_author("سارة حسن")
    make_tag("وسم بلا مقالات")
    make_author("كاتب بلا مقالات")
    published(tags=[tag], authors=[author])

    def locations(url):
        response = client.get(url)
        assert response.status_code == 200
        root = ET.fromstring(response.content)  # noqa: S314 (our own output)
        return [loc.text for loc in root.iter(f"{SM}loc")]

    assert locations("/sitemap-tags.xml") == [
        "http://testserver" + tag.get_absolute_url()
    ]
    assert locations("/sitemap-authors.xml") == [
        "http://testserver" + author.get_absolute_url()
    ]
    sections = locations("/sitemap-sections.xml")
    assert (
        "http://testserver" + Section.objects.get(name="سياسة").get_absolute_url()
        in sections
    )
    assert len(sections) == Section.objects.count()


# The article page


@pytest.fixture
def story():
    sport = Section.objects.get(name="رياضة")
    football = make_section("كرة القدم", parent=sport)
    sara = make_author("سارة حسن", role="مراسلة")
    ahmad = make_author("أحمد علي")
    tags = [make_tag("كأس العالم"), make_tag("قطر")]
    return published(
        "المنتخب يتأهل",
        section=football,
        tags=tags,
        authors=[sara, ahmad],
        byline="سارة حسن وأحمد علي",
        sources=[make_source(name="رويترز")],
    )


def test_the_article_page_shows_its_section_trail_tags_and_authors(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    trail = html[html.index('<nav class="breadcrumb"') :]
    crumbs = [a.attrs["href"] for a in elements(trail[: trail.index("</nav>")], "a")]
    football = story.section
    assert crumbs[:3] == [
        "/",
        football.parent.get_absolute_url(),
        football.get_absolute_url(),
    ]
    for tag in story.tags.all():
        assert elements(
            html, "a", href=tag.get_absolute_url(), rel="tag", text=tag.name
        )
    for author in story.author_list():
        assert elements(html, "a", href=author.get_absolute_url(), rel="author")
    assert html.index("سارة حسن</a>") < html.index("أحمد علي</a>")


def test_the_article_page_without_section_tags_or_authors_keeps_its_byline(client):
    article = published("خبر قديم", byline="مراسلنا في بغداد")
    html = client.get(article.get_absolute_url()).content.decode()
    assert elements(html, "p", text="مراسلنا في بغداد")
    assert not elements(html, class_="breadcrumb") and not elements(html, class_="tags")
    data = [json.loads(s) for s in Head(html).jsonld]
    assert [d["@type"] for d in data] == ["NewsArticle"]
    assert data[0]["author"] == [{"@type": "Person", "name": "مراسلنا في بغداد"}]
    assert "articleSection" not in data[0] and "keywords" not in data[0]


def test_news_article_json_ld_names_authors_section_keywords_and_publisher(
    client, story
):
    html = client.get(story.get_absolute_url()).content.decode()
    news, breadcrumb = (json.loads(s) for s in Head(html).jsonld)
    sara, ahmad = story.author_list()
    assert news["author"] == [
        {
            "@type": "Person",
            "name": "سارة حسن",
            "url": "http://testserver" + sara.get_absolute_url(),
            "jobTitle": "مراسلة",
        },
        {
            "@type": "Person",
            "name": "أحمد علي",
            "url": "http://testserver" + ahmad.get_absolute_url(),
        },
    ]
    assert news["articleSection"] == "كرة القدم"
    assert sorted(news["keywords"]) == ["قطر", "كأس العالم"]
    logo = news["publisher"]["logo"]
    assert news["publisher"]["@type"] == "Organization"
    assert logo["url"].endswith(".png") and logo["width"] == logo["height"] == 512
    assert client.get(logo["url"].removeprefix("http://testserver")).status_code in (
        200,
        404,  # static files are served by WhiteNoise after collectstatic only
    )
    assert breadcrumb["@type"] == "BreadcrumbList"
    assert [item["name"] for item in breadcrumb["itemListElement"]] == [
        "نيوزروم",
        "رياضة",
        "كرة القدم",
    ]
    assert [item["position"] for item in breadcrumb["itemListElement"]] == [1, 2, 3]
    assert breadcrumb["itemListElement"][-1]["item"] == (
        "http://testserver" + story.section.get_absolute_url()
    )


def test_json_ld_reads_as_schema_org_with_extruct(client, story):
    extruct = pytest.importorskip("extruct")
    html = client.get(story.get_absolute_url()).content.decode()
    data = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])
    found = {item["@type"]: item for item in data["json-ld"]}
    assert set(found) == {"NewsArticle", "BreadcrumbList"}
    assert all(item["@context"] == "https://schema.org" for item in found.values())
    assert {a["@type"] for a in found["NewsArticle"]["author"]} == {"Person"}


def test_the_article_page_takes_two_queries_whatever_its_content(
    client, django_assert_num_queries, story
):
    navigation.main_sections()
    # article with its section, sources, tags, authors, figures and corrections;
    # related ranking (cards with their sources)
    with django_assert_num_queries(2):
        assert client.get(story.get_absolute_url()).status_code == 200
