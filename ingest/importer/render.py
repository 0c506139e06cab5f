"""Writing a piece back in the seed format (the inverse of ``seed.parse_seed``).

Layout: headline, blank line, blocks separated by blank lines, then
``المصدر : A + B``. A figure is its alt line (left out when there is no alt text) and
its caption line ending with `` (credit)``; a figure whose alt equals its caption is
the caption line twice. A sub-heading runs straight into the paragraph after it, as in
the seed.

The standfirst has no place of its own in the format. It is written as the first
paragraph (where the teaser stands in the original dumps), so its text is never lost;
read back, it is the first paragraph. ``include_standfirst=False`` leaves it out.

What the format cannot say, and so does not survive ``parse(render(piece))``:
a figure with neither alt text nor credit comes back with alt = caption (one caption
line alone would read as a paragraph); a sub-heading not followed by a paragraph, or
first in the body, comes back as a paragraph; a paragraph that looks like something
else (a few words without final punctuation, or ending in a credit-like parenthesis)
comes back as that.
"""

from ingest.importer.structure import Figure, Paragraph, Subheading

SOURCE_PREFIX = "المصدر : "
SOURCE_JOINER = " + "


def render(piece, *, include_standfirst: bool = True) -> str:
    """Return ``piece`` as seed-format text ending with a newline. ``piece`` is any
    object with ``headline``, ``blocks`` (Figure/Paragraph/Subheading, or dicts or
    objects shaped like them) and ``sources``, and optionally ``standfirst``."""
    parts: list[list[str]] = []
    standfirst = _line(getattr(piece, "standfirst", None))
    if include_standfirst and standfirst:
        parts.append([standfirst])
    blocks = [_normalise(block) for block in piece.blocks or ()]
    blocks = [block for block in blocks if block is not None]
    index = 0
    while index < len(blocks):
        kind, fields = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if kind == "figure":
            parts.append(_figure_lines(**fields))
        elif kind == "subheading" and following and following[0] == "paragraph":
            parts.append([fields["text"], following[1]["text"]])
            index += 1
        else:
            parts.append([fields["text"]])
        index += 1
    sources = [_line(source) for source in piece.sources or ()]
    sources = [source for source in sources if source]
    if sources:
        parts.append([SOURCE_PREFIX + SOURCE_JOINER.join(sources)])
    body = "\n\n".join("\n".join(lines) for lines in parts)
    return f"{_line(piece.headline)}\n\n{body}\n"


def _figure_lines(alt: str, caption: str, credit: str) -> list[str]:
    captioned = f"{caption} ({credit})" if credit else caption
    if alt and alt != caption:
        return [alt, captioned]
    if alt or not credit:
        return [captioned, captioned]
    return [captioned]


def _normalise(block) -> tuple[str, dict] | None:
    """Return ``(kind, fields)`` for a block given as a dataclass, a dict in the
    ``to_json`` shape or any object with the same attributes; None when it is empty."""
    if isinstance(block, dict):
        get = block.get
    else:

        def get(name, default=None):
            return getattr(block, name, default)

    if isinstance(block, Figure):
        kind = "figure"
    elif isinstance(block, Subheading):
        kind = "subheading"
    elif isinstance(block, Paragraph):
        kind = "paragraph"
    else:
        kind = str(get("type", None) or get("kind", None) or "")
        if kind not in ("figure", "subheading", "paragraph"):
            kind = "figure" if get("caption", None) is not None else "paragraph"
    if kind == "figure":
        caption = _line(get("caption", None))
        if not caption:
            return None
        credit = _line(get("credit", None)).replace("(", "").replace(")", "")
        return kind, {
            "alt": _line(get("alt", None)),
            "caption": caption,
            "credit": " ".join(credit.split()),
        }
    text = _line(get("text", None))
    return (kind, {"text": text}) if text else None


def _line(text) -> str:
    """Return ``text`` as one line: white space folded, ends trimmed."""
    return " ".join(str(text).split()) if text is not None else ""
