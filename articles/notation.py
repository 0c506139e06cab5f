"""The inline notation inside paragraphs, quotations and list items:

    **bold**, *italic* (or _italic_), [the link's text](https://example.com/)

read by markdown-it-py with only these rules enabled (no HTML, no images, no code, no
bare addresses turned into links), so nothing else in the text means anything. Links
go only to ``http``, ``https`` and ``mailto`` addresses; ``[text](javascript:…)``,
``data:`` or a relative address stays text, exactly as written. A backslash keeps the
character after it literal (``\\*``). The HTML goes through nh3 as a second gate: only
``a href``, ``strong`` and ``em`` can come out, whatever a parser bug let through.

Pure: no Django imports (the importer uses :func:`escape_text` and :func:`plain_text`).
"""

import functools
import html
import re
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

from .embeds import find_embed

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
ALLOWED_TAGS = {"a": {"href"}, "strong": set(), "em": set()}
_TAGS = {"strong": "strong", "em": "em"}


def allowed_link(url: str) -> bool:
    """Whether a (normalised) link address may become a link."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() not in LINK_SCHEMES:
        return False
    return bool(parts.path) if parts.scheme.lower() == "mailto" else bool(parts.netloc)


_MD = MarkdownIt("zero").enable(["escape", "emphasis", "link"])
_MD.validateLink = allowed_link


@functools.lru_cache(maxsize=1024)
def _tokens(text: str):
    tokens = _MD.parseInline(text, {})
    return tuple(tokens[0].children or ()) if tokens else ()


def inline_html(text: str) -> str:
    """Return the HTML of one block's inline notation: escaped text, with ``strong``,
    ``em`` and ``a href`` where the notation asks for them (and nothing else)."""
    parts, marked = [], False
    for token in _tokens(text):
        if token.type == "link_open":
            parts.append(f'<a href="{html.escape(token.attrs["href"])}">')
        elif token.type == "link_close":
            parts.append("</a>")
        elif token.type.endswith("_open") and token.tag in _TAGS:
            parts.append(f"<{_TAGS[token.tag]}>")
        elif token.type.endswith("_close") and token.tag in _TAGS:
            parts.append(f"</{_TAGS[token.tag]}>")
        else:
            parts.append(html.escape(token.content))
            continue
        marked = True
    out = "".join(parts)
    if not marked:
        # Plain text: escaped exactly as bodies always were (and as Django escapes).
        return out
    return nh3.clean(
        out,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_TAGS,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def inline_spans(text: str) -> list[tuple[str, frozenset[str], str | None]]:
    """Return the text of one block's notation as ``(text, styles, href)`` runs:
    ``styles`` holds "strong" and/or "em", ``href`` the link the run is part of."""
    spans, styles, href = [], set(), None
    for token in _tokens(text):
        if token.type == "link_open":
            href = token.attrs["href"]
        elif token.type == "link_close":
            href = None
        elif token.type.endswith("_open") and token.tag in _TAGS:
            styles.add(token.tag)
        elif token.type.endswith("_close") and token.tag in _TAGS:
            styles.discard(token.tag)
        elif token.content:
            spans.append((token.content, frozenset(styles), href))
    return spans


def plain_text(text: str) -> str:
    """Return what a reader reads of one block's notation: the words, without the
    marks, the escapes or the links' addresses."""
    return "".join(token.content for token in _tokens(text))


_SPECIAL_RE = re.compile(r"([\\*_\[\]])")
_LINE_MARK_RE = re.compile(r"^(\s*)(>|-(?=\s|$))")
_NUMBER_MARK_RE = re.compile(r"^(\s*[0-9٠-٩۰-۹]+)([.)])(?=\s|$)")


def escape_text(line: str) -> str:
    """Return one line of plain text written so the notation reads it as that text:
    ``* _ [ ] \\`` and a leading ``>``, ``-`` or ``1.`` are kept literal with a
    backslash, and an address alone on the line does not become an embed."""
    line = _SPECIAL_RE.sub(r"\\\1", line)
    line = _LINE_MARK_RE.sub(r"\1\\\2", line)
    line = _NUMBER_MARK_RE.sub(r"\1\\\2", line)
    if find_embed(line.strip()):
        line = line.replace(":", "\\:", 1)
    return line


_ESCAPED_RE = re.compile(r"\\([\\*_\[\]>\-.):])")


def unescape_text(line: str) -> str:
    """Return the line :func:`escape_text` was given (its exact inverse)."""
    return _ESCAPED_RE.sub(r"\1", line)
