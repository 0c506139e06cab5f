"""Exporting articles: the seed text format, Newsroom's own JSON export, and the
agencies' NewsML-G2, NITF and ninjs.

``article_piece`` turns a saved article into the same structure the importer produces,
so that ``render`` writes it in the seed format and importing the text again gives the
same structure; ``article_wire_piece`` adds what the wire formats carry.
"""

import io
import zipfile
from dataclasses import replace

from django.conf import settings

from articles.body import (
    ATTRIBUTION_PREFIX,
    BULLET_PREFIX,
    EmbedMarker,
    FigureMarker,
    ItemList,
    Paragraph,
    Quote,
    Subheading,
)
from articles.notation import plain_text
from ingest.importer import CreditParts, Figure, ParsedPiece, export_text, render
from ingest.importer.newsml import newsml_text
from ingest.importer.ninjs import ninjs_text
from ingest.importer.nitf import nitf_text


def article_piece(article, *, notation: bool = False) -> ParsedPiece:
    """Return the structure of a saved article (fetch it with ``for_page()`` to avoid
    per-figure queries): headline, blocks in reading order, source names. The text
    blocks are plain paragraphs and sub-headings, or with ``notation`` the body's own
    blocks in the body notation (for the wire formats, which carry links, emphasis,
    quotations, lists and embeds as markup)."""
    blocks = []
    for block in article.layout():
        if isinstance(block, FigureMarker):
            if block.caption is not None:
                blocks.append(_figure(block.caption))
        elif notation:
            blocks.append(block)
        else:
            blocks += plain_blocks(block)

    return ParsedPiece(
        format="seed",
        headline=article.headline,
        blocks=blocks,
        sources=[source.name for source in article.sources.all()],
        notation=notation,
        standfirst=article.standfirst or None,
        published_at=article.published_at,
        byline=article.byline or None,
        original_url=article.original_url or None,
    )


def plain_blocks(block) -> list:
    """Return a body block as the importer's text blocks: a sub-heading as it is,
    anything else as paragraphs of the words readers read (the seed format has no
    notation: an agency's text is text). A quotation gives its text and ``— who``; a
    list an item per paragraph, marked ``-`` or numbered; an embed its address."""
    if isinstance(block, Subheading):
        return [block]
    if isinstance(block, Quote):
        texts = [plain_text(block.text)]
        if block.attribution:
            texts.append(ATTRIBUTION_PREFIX + plain_text(block.attribution))
    elif isinstance(block, ItemList):
        texts = [
            (f"{number}. " if block.ordered else BULLET_PREFIX) + plain_text(item)
            for number, item in enumerate(block.items, block.start)
        ]
    elif isinstance(block, EmbedMarker):
        texts = [block.embed.url]
    else:
        texts = [block.plain]
    return [Paragraph(text, line=block.line) for text in texts if text]


def article_guid(article) -> str:
    """The article's identifier in the wire formats: the newsroom's own, never the
    agency's guid it may have been imported with (the item is the newsroom's now)."""
    return f"urn:newsroom:article:{article.pk}"


def article_wire_piece(article) -> ParsedPiece:
    """The article's structure with what the wire formats carry: its guid, version
    and the time of that version, the site's language, the agency's status (usable
    unless withheld or canceled) and embargo."""
    return replace(
        article_piece(article, notation=True),
        external_id=article_guid(article),
        version=article.version,
        version_created=article.updated_at,
        language=settings.LANGUAGE_CODE,
        pub_status=article.wire_status or "usable",
        embargoed=article.embargoed_until,
    )


def _figure(caption) -> Figure:
    """The figure as the importer reads it back: ``(تصوير: name/agency-note)``, with
    its credit's parts as the caption stores them (the JSON export carries them)."""
    credit = caption.display_credit
    label = credit.name if credit else None
    if caption.photographer:
        photographer = f"تصوير: {caption.photographer}"
        label = f"{photographer}/{label}" if label else photographer
    if label and caption.credit_note:
        label = f"{label}-{caption.credit_note}"
    parts = None
    if label:
        parts = CreditParts(
            credit.name if credit else None,
            caption.credit_note or None,
            caption.photographer or None,
        )
    return Figure(caption.image.alt_text or None, caption.text, label, 0, parts)


#: The export formats and their files' endings: the seed text format (what editors
#: receive; it has no place for the standfirst, byline, original address or time),
#: Newsroom's own JSON export, which carries everything the import reads, and the
#: agencies' formats (see ``ingest.importer.newsml``, ``nitf`` and ``ninjs``).
FORMATS = {
    "seed": ".txt",
    "json": ".json",
    "newsml-g2": ".newsml.xml",
    "nitf": ".nitf.xml",
    "ninjs": ".ninjs.json",
}


def article_text(article, export_format: str = "seed") -> str:
    """Return the article in ``export_format`` (see ``FORMATS``); the JSON export
    carries its published corrections too."""
    if export_format == "seed":
        return render(article_piece(article))
    if export_format == "json":
        # The article's own notation: links, emphasis, quotations, lists and embeds
        # come back whole when the export is imported.
        return export_text(
            article_piece(article, notation=True),
            corrections=article_corrections(article),
        )
    piece = article_wire_piece(article)
    if export_format == "newsml-g2":
        return newsml_text(piece, provider=settings.NEWSROOM_SITE_NAME)
    return nitf_text(piece) if export_format == "nitf" else ninjs_text(piece)


def article_corrections(article) -> list[dict]:
    """Return the article's published notes, newest first, as JSON-ready dicts
    (prefetched by ``for_page()``: no query then)."""
    notes = getattr(article, "public_corrections", None)
    if notes is None:
        notes = article.corrections.published().newest_first()
    return [
        {
            "kind": note.kind,
            "text": note.text,
            "published_at": note.published_at.isoformat(),
        }
        for note in notes
    ]


def export_filename(article, export_format: str = "seed") -> str:
    """Return a file name for an exported article: its id and slug."""
    return f"{article.pk:06d}_{article.slug or 'article'}{FORMATS[export_format]}"


def articles_zip(articles, export_format: str = "seed") -> bytes:
    """Return a zip holding one file per article in ``export_format``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for article in articles:
            archive.writestr(
                export_filename(article, export_format),
                article_text(article, export_format).encode("utf-8"),
            )
    return buffer.getvalue()
