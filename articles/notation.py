"""The inline notation inside paragraphs, quotations and list items:

    **bold**, *italic* (or _italic_), [the link's text](https://example.com/)

read by markdown-it-py with only these rules enabled (no HTML, no images, no code, no
bare addresses turned into links), so nothing else in the text means anything. Links
go only to ``http``, ``https`` and ``mailto`` addresses; ``[text](javascript:…)``,
``data:`` or a relative address stays text, exactly as written. A backslash keeps the
character after it literal (``\\*``). HTML holding any markup goes through nh3 as a
second gate: only ``a href``, ``strong`` and ``em`` can come out, whatever a parser bug
let through (text without markup is only escaped, exactly as bodies always were).

Pure: no Django imports (the importer uses :func:`escape_text` and :func:`plain_text`).
"""

import functools
import html
import re
from urllib.parse import urlsplit

import nh3

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
ALLOWED_TAGS = {"a": {"href"}, "strong": set(), "em": set()}


def allowed_link(url: str) -> bool:
    """Whether a (normalised) link address may become a link."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() not in LINK_SCHEMES:
        return False
    return bool(parts.path) if parts.scheme.lower() == "mailto" else bool(parts.netloc)


@functools.cache
def _parser():
    """The inline parser, made on first use: a process that only reads stored HTML
    (a public page's worker) never loads markdown-it (6 MB)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("zero").enable(["escape", "emphasis", "link"])
    parser.validateLink = allowed_link
    return parser


@functools.lru_cache(maxsize=1024)
def _tokens(text: str):
    tokens = _parser().parseInline(text, {})
    return tuple(tokens[0].children or ()) if tokens else ()


def inline_events(text: str) -> list[tuple[str, str, str | None]]:
    """Return one block's notation as balanced events: ``("text", words, None)``,
    ``("open", name, href)`` and ``("close", name, None)``, where ``name`` is
    "strong", "em" or "a" (``href`` is the link's address)."""
    events = []
    for token in _tokens(text):
        name = "a" if token.type.startswith("link_") else token.tag
        if token.type.endswith("_open") and name in ALLOWED_TAGS:
            events.append(("open", name, token.attrs.get("href")))
        elif token.type.endswith("_close") and name in ALLOWED_TAGS:
            events.append(("close", name, None))
        elif token.content:
            events.append(("text", token.content, None))
    return events


def inline_html(text: str) -> str:
    """Return the HTML of one block's inline notation: escaped text, with ``strong``,
    ``em`` and ``a href`` where the notation asks for them (and nothing else)."""
    events = inline_events(text)
    parts = []
    for event, value, href in events:
        if event == "text":
            parts.append(html.escape(value))
        elif event == "close":
            parts.append(f"</{value}>")
        elif href is not None:
            parts.append(f'<{value} href="{html.escape(href)}">')
        else:
            parts.append(f"<{value}>")
    out = "".join(parts)
    if all(event == "text" for event, _, _ in events):
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


def plain_text(text: str) -> str:
    """Return what a reader reads of one block's notation: the words, without the
    marks, the escapes or the links' addresses."""
    return "".join(value for event, value, _ in inline_events(text) if event == "text")


_SPECIAL_RE = re.compile(r"([\\*_\[\]])")
_ADDRESS_RE = re.compile(r"^\s*https?:\S*\s*$", re.IGNORECASE)
_LINE_MARK_RE = re.compile(r"^(\s*)(>|-(?=\s|$))")
_NUMBER_MARK_RE = re.compile(r"^(\s*[0-9٠-٩۰-۹]+)([.)])(?=\s|$)")


def escape_text(line: str) -> str:
    """Return one line of plain text written so the notation reads it as that text:
    ``* _ [ ] \\`` and a leading ``>``, ``-`` or ``1.`` are kept literal with a
    backslash, and an address alone on the line (``https\\://…``) does not become an
    embed, whichever providers are known now or later."""
    line = _SPECIAL_RE.sub(r"\\\1", line)
    line = _LINE_MARK_RE.sub(r"\1\\\2", line)
    line = _NUMBER_MARK_RE.sub(r"\1\\\2", line)
    if _ADDRESS_RE.match(line):
        line = line.replace(":", "\\:", 1)
    return line


_ESCAPED_RE = re.compile(r"\\([\\*_\[\]>\-.):])")


def unescape_text(line: str) -> str:
    """Return the line :func:`escape_text` was given (its exact inverse)."""
    return _ESCAPED_RE.sub(r"\1", line)
