"""The HTML of the body's text blocks, shared by the page (``rendering``) and the
ninjs export (``ingest.importer.ninjs``). Pure: no Django imports.

Text is escaped as Django escapes it; the only markup inside a block is the inline
notation's ``strong``, ``em`` and ``a href`` (``notation.inline_html``).
"""

import html

from .notation import inline_html


def text_block_html(block) -> str:
    """Return the HTML of a paragraph, sub-heading, quotation or list (sub-headings
    are plain text); figures and embeds are drawn by the caller."""
    if block.kind == "subheading":
        return f"<h2>{html.escape(block.text)}</h2>"
    if block.kind == "quote":
        footer = (
            f"\n<footer>{inline_html(block.attribution)}</footer>"
            if block.attribution
            else ""
        )
        return f"<blockquote>\n<p>{inline_html(block.text)}</p>{footer}\n</blockquote>"
    if block.kind == "list":
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = "\n".join(f"<li>{inline_html(item)}</li>" for item in block.items)
        return f"<{tag}{start}>\n{items}\n</{tag}>"
    return f"<p>{inline_html(block.text)}</p>"
