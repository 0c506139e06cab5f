"""TREC/CLEF-style archive documents (the ANT corpus):

    <DOC><DOCNO>…</DOCNO><URL>…</URL><SRC>…</SRC><CAT>…</CAT><TITLE>…</TITLE>
    <TIME>…</TIME><AUTHOR>…</AUTHOR><ABSTRACT>…</ABSTRACT><TEXT>…</TEXT></DOC>

This is not well-formed XML: raw ``&`` and ``<`` occur inside the text, so fields are
cut out by their tags, never parsed as markup. Entities (``&amp;``, ``&quot;``,
``&#1605;``) are unescaped; anything else stays plain text.

One file is one piece: when a file holds several documents the first is read and a
warning names the line of the next one.

The body is one paragraph per line of TEXT. Blank and white-space-only lines are
skipped, rules drawn with dashes are dropped, a line repeating the one before is
dropped, short lines are judged as in the seed format, and a final source line
(``المصدر : …``, ``فرانس24/ أ ف ب/ رويترز``, ``-رويترز-``) gives sources instead of a
paragraph; a line without ``المصدر`` counts only when every name on it is a known
credit (``known``: the newsroom's sources and their spellings; the parser keeps no list
of agencies). A document with a title but neither text nor abstract gives a piece with
no blocks (and a warning): its metadata may still be worth keeping. The ABSTRACT becomes the standfirst unless it repeats the opening
paragraphs, in which case it is dropped so it is never printed twice.
"""

import html
import re
from dataclasses import dataclass

from articles.text import match_key
from ingest.importer.credits import NO_KNOWN_CREDITS, KnownCredits
from ingest.importer.dates import parse_time
from ingest.importer.headings import Item, resolve_short_lines
from ingest.importer.judge import compare_key, is_separator, looks_like_heading, words
from ingest.importer.messages import _
from ingest.importer.structure import (
    Block,
    Paragraph,
    ParsedPiece,
    ParseError,
    ParseWarning,
    Subheading,
    warning,
)
from ingest.importer.tidy import had_bidi_override, tidy

#: The format's own vocabulary, not a list of credits: the ANT corpus's ``<SRC>``
#: field holds a code for the outlet the document was collected from (``BBC``,
#: ``alarabia``, ``france24``, ``skynews``, ``Jawhara FM``: the corpus's five outlets),
#: keyed here by lower case letters and digits only, and the outlet's name as a
#: newsroom writes it, the piece's first source. Reading the field means knowing its
#: codes, as a NewsML-G2 qcode means knowing its catalogue; an unknown code is kept as
#: written, with a warning. Which names make up a credit line at the end of TEXT is
#: the newsroom's knowledge, passed in as the known credits, never this table's.
SRC_OUTLETS = {
    "alarabia": "العربية",
    "alarabiya": "العربية",
    "bbc": "بي بي سي",
    "bbcarabic": "بي بي سي",
    "cnn": "سي إن إن",
    "cnnarabic": "سي إن إن",
    "france24": "فرانس 24",
    "skynews": "سكاي نيوز عربية",
    "skynewsarabia": "سكاي نيوز عربية",
    "jawharafm": "جوهرة إف إم",
}

SOURCE_LINE = re.compile(r"^(?:المصدر|المصادر)\s*[:：]\s*(?P<names>.+)$")
_NAME_SEPARATORS = re.compile(r"\s*[+/،,]\s*")
_ENTITY = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_DOC = re.compile(r"<DOC>", re.IGNORECASE)
_DOC_END = re.compile(r"</DOC>", re.IGNORECASE)
FIELDS = ("DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "ABSTRACT", "TEXT")
_OPEN = {name: re.compile(f"<{name}>", re.IGNORECASE) for name in FIELDS}
_CLOSE = {name: re.compile(f"</{name}>", re.IGNORECASE) for name in FIELDS}

# Share of the abstract's words found in the opening paragraphs above which the
# abstract counts as a repeat of them.
REPEAT_SHARE = 0.65
OPENING_PARAGRAPHS = 3
CREDIT_LINE_MAX_WORDS = 8


def looks_like_trec(text: str) -> bool:
    """Return True if the first non-blank content of ``text`` is ``<DOC>``."""
    return _DOC.match(text.lstrip()) is not None


@dataclass(frozen=True)
class _Field:
    """One tag's raw content and the line its opening tag stands on."""

    content: str
    line: int


def parse_trec(
    text: str, *, strict: bool = False, known: KnownCredits = NO_KNOWN_CREDITS
) -> ParsedPiece:
    """Return the piece held in the first ``<DOC>`` of ``text``; raises ParseError
    when it has no title. ``blocks`` is empty when TEXT and ABSTRACT are both empty."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    warnings: list[ParseWarning] = []
    doc_start = _DOC.search(text).start()
    doc_line = text.count("\n", 0, doc_start) + 1
    end = _DOC_END.search(text, doc_start)
    doc_end = end.start() if end else len(text)
    if end is None:
        message = _("<%(tag)s> is never closed") % {"tag": "DOC"}
        warnings.append(warning(doc_line, "unclosed_document", message))
    if following := _DOC.search(text, doc_start + 5):
        line = text.count("\n", 0, following.start()) + 1
        warnings.append(
            warning(
                line,
                "multiple_documents",
                _("another <DOC> starts here; only the first document is read"),
            )
        )
        doc_end = min(doc_end, following.start())
    fields = _fields(text, doc_start, doc_end, doc_line, warnings)

    def value(name: str) -> str:
        field = fields.get(name)
        return _clean(field.content, field.line, strict, warnings) if field else ""

    headline = value("TITLE")
    if not headline:
        raise ParseError(
            _("the TREC document has no <TITLE>"), code="no_headline", line=doc_line
        )
    paragraphs, line_sources = _body(fields.get("TEXT"), strict, warnings, known)
    paragraphs, standfirst = _standfirst(
        paragraphs, value("ABSTRACT"), fields, doc_line, warnings
    )
    published_at = _published_at(value("TIME"), fields, doc_line, warnings)
    blocks = _settle(paragraphs, warnings)
    sources = _sources(value("SRC"), line_sources, fields, warnings)
    warnings.sort(key=lambda w: w.line or 0)
    return ParsedPiece(
        format="trec",
        headline=headline,
        blocks=blocks,
        sources=sources,
        standfirst=standfirst,
        published_at=published_at,
        byline=value("AUTHOR") or None,
        original_url=value("URL") or None,
        external_id=value("DOCNO") or None,
        category=value("CAT") or None,
        warnings=warnings,
    )


def _standfirst(paragraphs, abstract, fields, doc_line, warnings):
    """Return ``(paragraphs, standfirst)``: the abstract is the standfirst unless it
    repeats the opening paragraphs, and the only paragraph when TEXT is empty."""
    if not paragraphs and abstract:
        warnings.append(
            warning(
                fields["ABSTRACT"].line,
                "abstract_used_as_body",
                _("<TEXT> is empty; the abstract is used as the only paragraph"),
            )
        )
        return [Paragraph(abstract, fields["ABSTRACT"].line)], None
    if not paragraphs:
        # An archive record without text still carries its metadata; the caller
        # decides whether a piece without blocks is worth keeping.
        warnings.append(
            warning(
                fields["TEXT"].line if "TEXT" in fields else doc_line,
                "empty_text",
                _("the document has a title but no text; the piece has no blocks"),
            )
        )
        return paragraphs, None
    if abstract and (share := repeated_share(abstract, paragraphs)) >= REPEAT_SHARE:
        warnings.append(
            warning(
                fields["ABSTRACT"].line,
                "abstract_repeats_text",
                _(
                    "the abstract repeats the opening paragraphs (%(share)s of its "
                    "words); it is dropped so it is not printed twice"
                )
                % {"share": f"{share:.0%}"},
            )
        )
        return paragraphs, None
    return paragraphs, abstract or None


def _published_at(raw, fields, doc_line, warnings):
    """Return the aware publication time of TIME, or None, warning when unsure."""
    published_at, problem = parse_time(raw)
    line = fields["TIME"].line if "TIME" in fields else doc_line
    if problem:
        code = "unreadable_time" if published_at is None else "time_assumed"
        warnings.append(warning(line, code, problem))
    elif published_at is None:
        message = _("the document gives no <TIME>")
        warnings.append(warning(line, "missing_time", message))
    return published_at


def _fields(text, start, end, doc_line, warnings) -> dict[str, _Field]:
    fields: dict[str, _Field] = {}
    for name in FIELDS:
        opening = _OPEN[name].search(text, start, end)
        if opening is None:
            continue
        closing = _CLOSE[name].search(text, opening.end(), end)
        if closing is None and name != "TEXT":
            # A short field left open ends at the end of its line.
            stop = text.find("\n", opening.end(), end)
            stop = end if stop < 0 else stop
        else:
            stop = closing.start() if closing else end
        line = text.count("\n", start, opening.start()) + doc_line
        if closing is None:
            message = _("<%(tag)s> is never closed") % {"tag": name}
            warnings.append(warning(line, "unclosed_field", message))
        fields[name] = _Field(text[opening.end() : stop], line)
    return fields


def _clean(raw: str, line: int, strict: bool, warnings: list[ParseWarning]) -> str:
    text = _ENTITY.sub(lambda m: html.unescape(m[0]), raw)
    if had_bidi_override(text):
        warnings.append(
            warning(line, "bidi_override_removed", _("right-to-left override removed"))
        )
    return tidy(text, strict=strict)


def _body(field, strict, warnings, known) -> tuple[list[Paragraph], list[str]]:
    """Return the paragraphs of TEXT and the sources of a final source line."""
    if field is None:
        return [], []
    paragraphs: list[Paragraph] = []
    for offset, raw in enumerate(field.content.split("\n")):
        number = field.line + offset
        text = _clean(raw, number, strict, warnings)
        if not text:
            continue
        if is_separator(text):
            warnings.append(
                warning(number, "separator_dropped", _("a rule of dashes is dropped"))
            )
        elif paragraphs and paragraphs[-1].text == text:
            warnings.append(
                warning(
                    number,
                    "duplicate_paragraph_dropped",
                    _("repeats line %(line)s; the copy is dropped")
                    % {"line": paragraphs[-1].line},
                )
            )
        else:
            paragraphs.append(Paragraph(text, number))
    sources: list[str] = []
    if paragraphs and (names := source_line_names(paragraphs[-1].text, known)):
        last = paragraphs.pop()
        warnings.append(
            warning(
                last.line,
                "source_line_in_text",
                _("last line taken as the piece's sources, not as a paragraph"),
            )
        )
        sources = names
    return paragraphs, sources


def source_line_names(text: str, known: KnownCredits = NO_KNOWN_CREDITS) -> list[str]:
    """Return the sources named by a line like ``المصدر : وات``,
    ``فرانس24/ أ ف ب/ رويترز`` or ``-رويترز-``; an empty list if it is not one. A
    line without ``المصدر`` must name only ``known`` credits (white space aside:
    ``فرانس24`` is ``فرانس 24``)."""
    found = SOURCE_LINE.match(text)
    if found:
        names = found["names"].strip().rstrip(".")
        return [name for name in _NAME_SEPARATORS.split(names) if name]
    if words(text) > CREDIT_LINE_MAX_WORDS:
        return []
    bare = text.strip(" -–—()[].")
    names = [name for name in _NAME_SEPARATORS.split(bare) if name]
    if not names or not known:
        return []
    spaceless = {key.replace(" ", "") for key in known}
    if all(_is_known(name, known, spaceless) for name in names):
        return names
    return []


def _is_known(name: str, known: KnownCredits, spaceless: set[str]) -> bool:
    return name in known or match_key(name).replace(" ", "") in spaceless


def repeated_share(abstract: str, paragraphs: list[Paragraph]) -> float:
    """Return the share (0 to 1) of the abstract's words found in the opening
    paragraphs; 1 when the abstract is contained in them word for word."""
    wanted = compare_key(abstract)
    if not wanted:
        return 1.0
    opening = " ".join(p.text for p in paragraphs[:OPENING_PARAGRAPHS])
    opening = compare_key(opening)[: 3 * len(wanted) + 200]
    if wanted in opening:
        return 1.0
    present = set(opening.split())
    tokens = wanted.split()
    return sum(token in present for token in tokens) / len(tokens)


def _settle(paragraphs: list[Paragraph], warnings: list[ParseWarning]) -> list[Block]:
    items = [
        Item("short" if looks_like_heading(p.text) else "paragraph", p.line, p.text)
        for p in paragraphs
    ]
    resolve_short_lines(items, warnings)
    return [
        Subheading(item.text, item.line)
        if item.kind == "subheading"
        else Paragraph(item.text, item.line)
        for item in items
    ]


def _sources(src, line_sources, fields, warnings) -> list[str]:
    """Return the outlet's Arabic name, then the names of the source line."""
    sources: list[str] = []
    if src:
        outlet = SRC_OUTLETS.get(re.sub(r"[^a-z0-9]", "", src.casefold()))
        if outlet is None:
            warnings.append(
                warning(
                    fields["SRC"].line,
                    "unknown_outlet",
                    _("<SRC> '%(src)s' is not a known outlet; kept as written")
                    % {"src": src},
                )
            )
        sources.append(outlet or src)
    seen = {name.replace(" ", "") for name in sources}
    for name in line_sources:
        if name.replace(" ", "") not in seen:
            seen.add(name.replace(" ", ""))
            sources.append(name)
    return sources
