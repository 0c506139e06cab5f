"""Writing the agencies' formats: every NewsML-G2 item validates against the 2.35
Power XSD, every NITF document against the NITF 3.6 XSD and every ninjs item against
the ninjs 3.1 JSON Schema (copies in ingest/schemas, read offline); Arabic keeps its
language and direction; importing what was exported gives the same structure."""

import io
import json
import zipfile
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from hypothesis import assume, given
from hypothesis import strategies as st
from lxml import etree

from articles.models import Article
from articles.tests.factories import make_article
from ingest.exporter import article_text
from ingest.importer import Paragraph, ParsedPiece, Subheading, parse
from ingest.importer.newsml import newsml_text
from ingest.importer.ninjs import ninjs_item, ninjs_text
from ingest.importer.nitf import nitf_text
from ingest.importer.trec import REPEAT_SHARE, repeated_share
from ingest.tests.importer_cases import DATA
from ingest.tests.test_exported import blocks, maybe, times, words

SCHEMAS = Path(__file__).parents[1] / "schemas"


@cache
def xml_schema(name: str) -> etree.XMLSchema:
    # The XSDs import xml.xsd from their own folder: nothing is fetched.
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(SCHEMAS / "newsml-g2" / name, parser))


@cache
def ninjs_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / "ninjs" / "ninjs-schema_3.1.json").read_text())
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def assert_valid(text: str, export_format: str) -> None:
    if export_format == "ninjs":
        errors = [
            error.message for error in ninjs_validator().iter_errors(json.loads(text))
        ]
        assert not errors, errors
        return
    name = {"newsml-g2": "NewsML-G2_2.35-spec-All-Power.xsd", "nitf": "nitf-3-6.xsd"}
    schema = xml_schema(name[export_format])
    document = etree.fromstring(text.encode(), etree.XMLParser(no_network=True))
    assert schema.validate(document), schema.error_log


WRITERS = {
    "newsml-g2": lambda piece: newsml_text(piece, provider="نيوزروم"),
    "nitf": nitf_text,
    "ninjs": ninjs_text,
}

pieces = st.builds(
    ParsedPiece,
    format=st.just("seed"),
    headline=words,
    blocks=blocks,
    sources=st.lists(words, max_size=3, unique=True),
    standfirst=maybe,
    published_at=times,
    byline=maybe,
    external_id=words.map(lambda word: f"urn:test:{word}"),
    version=st.integers(1, 10**6),
    version_created=times.filter(bool),
    language=st.none() | st.sampled_from(["ar", "ar-QA", "en-GB"]),
    located=maybe,
    keywords=st.lists(words, max_size=3, unique=True),
    pub_status=st.none() | st.sampled_from(["usable", "withheld", "canceled"]),
    embargoed=times,
)


def comparable(piece: ParsedPiece, export_format: str) -> dict:
    data = piece.to_json()
    data.pop("format")
    data.pop("warnings", None)
    if export_format == "nitf":  # NITF has no slot for the version's time
        data.pop("version_created", None)
    return data


@pytest.mark.parametrize("export_format", sorted(WRITERS))
@given(piece=pieces)
def test_every_export_is_valid_and_reads_back_the_same(export_format, piece):
    # What the readers drop on purpose: a summary repeating the opening paragraphs
    # and a first sub-heading repeating the headline (see ingest.importer.wire).
    paragraphs = [block for block in piece.blocks if isinstance(block, Paragraph)]
    assume(
        not piece.standfirst
        or not paragraphs
        or repeated_share(piece.standfirst, paragraphs) < REPEAT_SHARE
    )
    first = piece.blocks[0]
    assume(not (isinstance(first, Subheading) and first.text == piece.headline))

    text = WRITERS[export_format](piece)

    assert_valid(text, export_format)
    again = parse(text.encode())
    assert again.format == export_format
    assert comparable(again, export_format) == comparable(piece, export_format)


def test_arabic_keeps_its_language_and_direction(seed_article):
    article = Article.objects.for_page().get(pk=seed_article.pk)
    from ingest.exporter import article_text

    newsml = etree.fromstring(article_text(article, "newsml-g2").encode())
    assert newsml.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert newsml.get("dir") == "rtl"
    nitf = etree.fromstring(article_text(article, "nitf").encode())
    assert nitf.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    item = json.loads(article_text(article, "ninjs"))
    assert item["language"] == "ar"
    assert item["bodies"][0]["value"].startswith('<div lang="ar" dir="rtl">')


@pytest.mark.parametrize("export_format", sorted(WRITERS))
def test_export_command_writes_valid_files_the_import_reads_back(
    seed_article, tmp_path, export_format
):
    call_command("export_articles", str(tmp_path), format=export_format, verbosity=0)

    (path,) = tmp_path.iterdir()
    text = path.read_text(encoding="utf-8")
    assert_valid(text, export_format)
    piece = parse(text.encode())
    article = Article.objects.for_page().get(pk=seed_article.pk)
    assert piece.headline == article.headline
    assert piece.external_id == f"urn:newsroom:article:{article.pk}"
    assert piece.version == article.version
    assert piece.pub_status == "usable"
    assert piece.sources == [s.name for s in article.sources.all()]
    assert len(piece.blocks) == len(article.layout())


def test_a_withheld_embargoed_article_exports_its_status_and_embargo(seed_article):
    from ingest.exporter import article_wire_piece

    when = seed_article.published_at
    Article.objects.filter(pk=seed_article.pk).update(
        wire_status="withheld", embargoed_until=when
    )
    article = Article.objects.for_page().get(pk=seed_article.pk)

    item = ninjs_item(article_wire_piece(article))

    assert item["pubStatus"] == "withheld"
    assert item["embargoedUntil"] == when.isoformat()


@pytest.mark.parametrize(
    ("action", "content_type"),
    [
        ("download_as_newsml", "application/vnd.iptc.g2.newsitem+xml"),
        ("download_as_nitf", "application/nitf+xml"),
        ("download_as_ninjs", "application/json"),
    ],
)
def test_the_desk_downloads_one_article_or_a_selection(
    admin_client, seed_article, action, content_type
):
    one = admin_client.post(
        "/admin/articles/article/",
        {"action": action, "_selected_action": [seed_article.pk]},
    )
    assert one["Content-Type"] == content_type
    assert parse(one.content).headline == seed_article.headline

    other = Article.objects.create(headline="خبر ثان", body="فقرة.")
    both = admin_client.post(
        "/admin/articles/article/",
        {"action": action, "_selected_action": [seed_article.pk, other.pk]},
    )
    assert both["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(both.content)) as archive:
        headlines = {parse(archive.read(name)).headline for name in archive.namelist()}
    assert headlines == {seed_article.headline, "خبر ثان"}


def test_the_iptc_examples_export_valid_documents():
    for path in sorted((DATA / "wire").glob("*/*_*.*")):
        if "LICENSE" in path.name or path.name.startswith(("LISTING_25", "LISTING_28")):
            continue
        piece = parse(path.read_bytes())
        if piece.version_created is None:
            continue
        for export_format, write in WRITERS.items():
            if piece.version:
                assert_valid(write(piece), export_format)


RICH_BODY = (
    "قال **الوزير** إن [الاتفاق](https://gov.example/a) *نهائي* و\\*ثابت\\*.\n\n"
    "> لن نتراجع\n> — الوزير\n\n"
    "- أولًا\n- ثانيًا\n\n"
    "1. واحد\n2. اثنان\n\n"
    "https://youtu.be/dQw4w9WgXcQ"
)


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", sorted(WRITERS))
def test_a_numbered_list_taken_up_again_keeps_its_first_number(export_format):
    article = make_article(body="1. واحد\n\nفقرة بينهما.\n\n2. اثنان\n3. ثلاثة")
    article = Article.objects.for_page().get(pk=article.pk)
    text = article_text(article, export_format)
    assert_valid(text, export_format)
    if export_format == "ninjs":
        assert '<ol start="2"><li>اثنان</li>' in json.loads(text)["bodies"][0]["value"]
        return
    namespace = {"n": "http://iptc.org/std/NITF/2006-10-18/"}
    content = etree.fromstring(text.encode()).find(".//n:body.content", namespace)
    assert [ol.get("seqnum") for ol in content.findall("n:ol", namespace)] == [
        None,
        "2",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", sorted(WRITERS))
def test_links_emphasis_quotations_lists_and_embeds_export_as_valid_markup(
    export_format,
):
    article = make_article(body=RICH_BODY)
    article = Article.objects.for_page().get(pk=article.pk)
    text = article_text(article, export_format)
    assert_valid(text, export_format)
    again = parse(text.encode())
    assert [block.text for block in again.blocks] == [
        "قال الوزير إن الاتفاق نهائي و*ثابت*.",
        "لن نتراجع",
        "الوزير",
        "أولًا",
        "ثانيًا",
        "واحد",
        "اثنان",
        "https://youtu.be/dQw4w9WgXcQ",
    ]
    if export_format == "ninjs":
        html = json.loads(text)["bodies"][0]["value"]
        assert (
            '<p>قال <strong>الوزير</strong> إن <a href="https://gov.example/a">'
            "الاتفاق</a> <em>نهائي</em> و*ثابت*.</p>"
            "<blockquote><p>لن نتراجع</p><footer>الوزير</footer></blockquote>"
            "<ul><li>أولًا</li><li>ثانيًا</li></ul><ol><li>واحد</li><li>اثنان</li></ol>"
            '<p><a href="https://youtu.be/dQw4w9WgXcQ">https://youtu.be/dQw4w9WgXcQ</a>'
            "</p>"
        ) in html
        return
    namespace = {"n": "http://iptc.org/std/NITF/2006-10-18/"}
    content = etree.fromstring(text.encode()).find(".//n:body.content", namespace)
    paragraph = content.find("n:p", namespace)
    assert etree.tostring(paragraph, encoding="unicode", with_tail=False).split(">", 1)[
        1
    ] == (
        'قال <em class="bold">الوزير</em> إن <a href="https://gov.example/a">'
        'الاتفاق</a> <em class="italic">نهائي</em> و*ثابت*.</p>'
    )
    assert content.find("n:bq/n:block/n:p", namespace).text == "لن نتراجع"
    assert content.find("n:bq/n:credit", namespace).text == "الوزير"
    assert [li.text for li in content.findall("n:ul/n:li", namespace)] == [
        "أولًا",
        "ثانيًا",
    ]
    assert len(content.findall("n:ol/n:li", namespace)) == 2
    link = content.find("n:p/n:a[@href='https://youtu.be/dQw4w9WgXcQ']", namespace)
    assert link.text == "https://youtu.be/dQw4w9WgXcQ"
