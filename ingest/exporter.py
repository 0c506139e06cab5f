"""Exporting articles back to the seed text format.

``article_piece`` turns a saved article into the same structure the importer produces,
so that ``render`` writes it in the seed format and importing the text again gives the
same structure.
"""

import io
import zipfile

from articles.body import FigureMarker
from ingest.importer import Figure, ParsedPiece, export_text, render


def article_piece(article) -> ParsedPiece:
    """Return the structure of a saved article (fetch it with ``for_page()`` to avoid
    per-figure queries): headline, blocks in reading order, source names."""
    blocks = []
    for block in article.layout():
        if isinstance(block, FigureMarker):
            if block.caption is not None:
                blocks.append(_figure(block.caption))
        else:
            blocks.append(block)

    return ParsedPiece(
        format="seed",
        headline=article.headline,
        blocks=blocks,
        sources=[source.name for source in article.sources.all()],
        standfirst=article.standfirst or None,
        published_at=article.published_at,
        byline=article.byline or None,
        original_url=article.original_url or None,
    )


def _figure(caption) -> Figure:
    """The figure as the importer reads it back: ``(تصوير: name/agency-note)``."""
    credit = caption.display_credit
    label = credit.name if credit else None
    if caption.photographer:
        photographer = f"تصوير: {caption.photographer}"
        label = f"{photographer}/{label}" if label else photographer
    if label and caption.credit_note:
        label = f"{label}-{caption.credit_note}"
    return Figure(caption.image.alt_text or None, caption.text, label, 0)


#: The export formats: the seed text format (what editors receive; it has no place for
#: the standfirst, byline, original address or time) and Newsroom's own JSON export,
#: which carries everything the import reads.
FORMATS = {"seed": ".txt", "json": ".json"}


def article_text(article, export_format: str = "seed") -> str:
    """Return the article in ``export_format`` (see ``FORMATS``); the JSON export
    carries its published corrections too."""
    piece = article_piece(article)
    if export_format == "json":
        return export_text(piece, corrections=article_corrections(article))
    return render(piece)


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
