"""Exporting articles back to the seed text format.

``article_piece`` turns a saved article into the same structure the importer produces,
so that ``render`` writes it in the seed format and importing the text again gives the
same structure.
"""

import io
import zipfile

from articles.body import FigureMarker
from ingest.importer import Figure, ParsedPiece, render


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


def article_text(article) -> str:
    """Return the article in the seed text format."""
    return render(article_piece(article))


def export_filename(article) -> str:
    """Return a file name for an exported article: its id and slug."""
    return f"{article.pk:06d}_{article.slug or 'article'}.txt"


def articles_zip(articles) -> bytes:
    """Return a zip holding one seed-format text file per article."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for article in articles:
            archive.writestr(
                export_filename(article), article_text(article).encode("utf-8")
            )
    return buffer.getvalue()
