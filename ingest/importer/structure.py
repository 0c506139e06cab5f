"""The structure a dump is read into: blocks, warnings, errors and the whole piece.

Everything here is plain data; nothing touches the database. Messages are
``messages.Text``: a template and its parameters, put into words in the language active
when they are shown (Arabic in the desk, English on the command line); codes and
parameters never change with the language.
"""

from dataclasses import dataclass, field
from datetime import datetime

from articles.body import Paragraph, Subheading
from ingest.importer.credits import CreditParts, KnownCredits, split_credit
from ingest.importer.messages import Text, _


@dataclass(frozen=True)
class Figure:
    """An image in the body: ``caption`` without its credit, ``credit`` exactly as
    written inside the final parentheses (``"رويترز-أرشيف"``), ``alt`` the line before
    the caption (equal to ``caption`` when the dump repeats the line). ``line`` is the
    1-based line where the figure starts in the file."""

    alt: str | None
    caption: str
    credit: str | None
    line: int
    #: The credit split into service, archive note and photographer, as the reader
    #: read it, once, with the newsroom's known credits (the same figure whatever it
    #: holds); None without a credit.
    credit_parts: CreditParts | None = field(default=None, compare=False)

    @classmethod
    def read(
        cls,
        alt: str | None,
        caption: str,
        credit: str | None,
        line: int,
        *,
        known: KnownCredits,
    ) -> "Figure":
        """A figure as a reader builds it: its credit split once, here, with the
        ``known`` credits (``credits.split_credit``), so that no one splits it again."""
        parts = split_credit(credit, known) if credit else None
        return cls(alt, caption, credit, line, parts)


Block = Figure | Paragraph | Subheading

# Every ParseWarning.code, with what it means (for the import command and the admin).
WARNING_CODES = {
    # Both formats
    "bidi_override_removed": "a right-to-left override (U+202E) was removed",
    "short_line_subheading": "a short line without final punctuation became a "
    "sub-heading",
    "short_line_paragraph": "a short line without final punctuation stayed a "
    "paragraph (first, last, or not followed by a paragraph)",
    "duplicate_paragraph_dropped": "a paragraph repeating the one before was dropped "
    "(TREC; in the seed format only a line repeated with no blank line between)",
    "duplicate_paragraph_kept": "a paragraph repeats the one before (seed format: "
    "kept as written)",
    # Seed format
    "no_blank_after_headline": "the headline is not followed by a blank line",
    "missing_source_line": "no 'المصدر :' line at the end; no sources",
    "empty_source_line": "the source line names no source",
    "unknown_credit": "an unknown name in final parentheses was taken as a credit",
    "parenthesis_not_credit": "final parentheses were not taken as a credit",
    "identical_lines_figure": "two identical lines without a credit became a figure",
    "figure_without_credit": "two short unpunctuated lines without a credit became "
    "a figure's alt text and caption",
    "lines_joined": "lines without a blank line between them were joined into one "
    "paragraph",
    # TREC
    "multiple_documents": "the file holds several documents (<DOC>s, the items of a "
    "NewsML-G2 message); only the first was read",
    "unclosed_document": "<DOC> is never closed",
    "unclosed_field": "a field's closing tag is missing",
    "abstract_repeats_text": "the abstract (a wire item's summary) repeats the "
    "opening paragraphs and was dropped",
    "abstract_used_as_body": "TEXT is empty; the abstract became the only paragraph",
    "empty_text": "the document has a title but no text (TREC, or a wire item without "
    "a body); the piece has no blocks",
    "separator_dropped": "a rule of dashes or the like was dropped",
    "source_line_in_text": "the last line of TEXT gave the sources",
    "unknown_outlet": "<SRC> is not a known outlet and was kept as written",
    "time_assumed": "a time (TREC's TIME, a wire item's) lacked a zone or an hour; "
    "UTC or midnight was assumed",
    "unreadable_time": "a time (TREC's TIME, a wire item's) could not be read and was "
    "left out",
    "missing_time": "the document gives no TIME",
    # Wire formats (NewsML-G2, NITF, ninjs)
    "unreadable_version": "the item's version is not a whole number and was left out",
}

# Every ParseError.code, with what it means.
ERROR_CODES = {
    "empty": "the file is empty",
    "blank": "the file holds only white space",
    "no_body": "the file holds a headline but no body",
    "no_headline": "the document has no headline (a TREC title, a wire item's "
    "headline)",
    "binary": "the file is binary data (an image, an archive, NUL bytes ...)",
    "undecodable": "the bytes are not text in an accepted encoding",
    "too_large": "the file is over the size limit",
    "bad_export": "a JSON file that is not a valid Newsroom export",
    "too_long": "a headline, byline, address, source or credit longer than the "
    "newsroom stores",
    "bad_xml": "not well-formed XML (the message names the line)",
    "xml_entities": "XML that declares entities or refers to external ones (entity "
    "expansion, XXE): refused",
    "unknown_xml": "XML that is neither a NewsML-G2 item nor an NITF document",
    "bad_json": "not valid JSON (the message names the line)",
    "bad_ninjs": "JSON that is not a ninjs item (no uri, or a field of the wrong type)",
}


@dataclass(frozen=True)
class ParseWarning:
    """A decision the parser was not sure of. ``code`` is stable and machine-readable;
    ``message`` is one line for an editor and names the line when there is one."""

    line: int | None
    code: str
    message: Text | str

    def __str__(self) -> str:
        return str(self.message)

    @property
    def params(self) -> dict:
        """The values the message names (a line, a credit …), as JSON values."""
        text = self.message
        if isinstance(text, Text) and self.line is not None:
            text = text.params.get("message", text)
        return text.json_params() if isinstance(text, Text) else {}

    def to_json(self) -> dict:
        return {
            "line": self.line,
            "code": self.code,
            "params": self.params,
            "message": str(self.message),
        }


class ParseError(ValueError):
    """A file that cannot be imported. ``str(err)`` is one line naming the file (when
    known) and the line (when there is one), in the language active when it is shown;
    ``code`` is stable and machine-readable."""

    def __init__(
        self,
        message: Text | str,
        *,
        line: int | None = None,
        code: str,
        filename: str = "",
    ):
        self.message = message
        self.line = line
        self.code = code
        self.filename = filename
        super().__init__(str(self))

    def __str__(self) -> str:
        values = {"file": self.filename, "line": self.line, "message": self.message}
        if self.filename and self.line is not None:
            return str(_("%(file)s, line %(line)s: %(message)s") % values)
        if self.filename:
            return str(_("%(file)s: %(message)s") % values)
        if self.line is not None:
            return str(_("line %(line)s: %(message)s") % values)
        return str(self.message)


def warning(line: int | None, code: str, text: Text) -> ParseWarning:
    """Return a warning whose message starts with "line N: " when ``line`` is known."""
    if line is None:
        return ParseWarning(line, code, text)
    message = _("line %(line)s: %(message)s") % {"line": line, "message": text}
    return ParseWarning(line, code, message)


@dataclass
class ParsedPiece:
    """One article read from a dump. ``format`` is "seed", "trec", "newsroom",
    "newsml-g2", "nitf" or "ninjs"; ``sources`` are in the order written;
    ``published_at`` (the first-created time of a wire item) and the other times are
    timezone-aware when set; ``encoding`` is the text encoding the bytes were read
    with.

    The wire formats also give: ``external_id`` (the item's guid or URI),
    ``version`` (its version number), ``version_created``, ``language`` (a BCP 47
    tag), ``located`` (the dateline's place), ``keywords`` (subjects and keywords by
    name), ``pub_status`` ("usable", "withheld" or "canceled") and ``embargoed``
    (not to be published before that time)."""

    format: str
    headline: str
    blocks: list[Block]
    sources: list[str]
    standfirst: str | None = None
    published_at: datetime | None = None
    byline: str | None = None
    original_url: str | None = None
    external_id: str | None = None
    category: str | None = None
    version: int | None = None
    version_created: datetime | None = None
    language: str | None = None
    located: str | None = None
    keywords: list[str] = field(default_factory=list)
    pub_status: str | None = None
    embargoed: datetime | None = None
    warnings: list[ParseWarning] = field(default_factory=list)
    encoding: str = "utf-8"
    #: Whether the blocks' text is in the body notation (an article's own body, with
    #: its quotations, lists and embeds, for the wire formats to carry as markup);
    #: otherwise it is plain text, as read from a file.
    notation: bool = field(default=False, compare=False)

    def to_json(self) -> dict:
        """Return the seed-format structure (headline, blocks, sources) plus, only when
        set, standfirst, the times (ISO 8601), byline, original_url, external_id,
        category, the wire fields (see the class) and warnings; ``format`` is always
        given."""
        data: dict = {
            "headline": self.headline,
            "blocks": [block_to_json(block) for block in self.blocks],
            "sources": list(self.sources),
            "format": self.format,
        }
        optional = {
            "standfirst": self.standfirst,
            "published_at": _iso(self.published_at),
            "byline": self.byline,
            "original_url": self.original_url,
            "external_id": self.external_id,
            "category": self.category,
            "version": self.version,
            "version_created": _iso(self.version_created),
            "language": self.language,
            "located": self.located,
            "keywords": list(self.keywords),
            "pub_status": self.pub_status,
            "embargoed": _iso(self.embargoed),
        }
        data.update({key: value for key, value in optional.items() if value})
        if self.notation:
            data["notation"] = True
        if self.warnings:
            data["warnings"] = [w.to_json() for w in self.warnings]
        return data


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def block_to_json(block) -> dict:
    """Return one block in the seed-format JSON shape (no line numbers); an article's
    own quotations, lists and embeds (``ParsedPiece.notation``) in shapes of theirs."""
    if isinstance(block, Figure):
        return {
            "type": "figure",
            "alt": block.alt,
            "caption": block.caption,
            "credit": block.credit,
        }
    if block.kind == "subheading":
        return {"type": "subheading", "text": block.text}
    if block.kind == "quote":
        return {"type": "quote", "text": block.text, "attribution": block.attribution}
    if block.kind == "list":
        data = {"type": "list", "ordered": block.ordered, "items": list(block.items)}
        if block.ordered and block.start != 1:
            data["start"] = block.start
        return data
    if block.kind == "embed":
        return {"type": "embed", "url": block.embed.url}
    return {"type": "paragraph", "text": block.text}
