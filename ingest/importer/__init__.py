"""The importer: raw news dumps (seed format or TREC archives) and agency wire items
(NewsML-G2, NITF, ninjs) in, structure out.

Pure parsing: bytes in, dataclasses out, no database.

* ``parse(data, *, filename="", max_bytes=None, strict=False, known_credits=())
  -> ParsedPiece`` reads one file (``known_credits``: the names the newsroom knows as
  credits and sources, which make a line more likely a caption); ``ParseError`` (a ValueError with a stable ``code``) is the only exception
  it raises for bad input. A file whose first non-blank content is ``<DOC>`` is TREC;
  other XML is a NewsML-G2 item or NITF document (``newsml``, ``nitf``; read through
  ``safexml``, which refuses entities), a JSON object Newsroom's export or a ninjs
  item (``ninjs``); anything else is the seed format. A TREC file holding several documents gives its
  first, with a ``multiple_documents`` warning.
* ``render(piece, *, include_standfirst=True) -> str`` writes a piece back in the
  seed format; the standfirst, which the format has no slot for, becomes the first
  paragraph.
* ``export_text(piece) -> str`` writes it as Newsroom's own JSON export, which
  ``parse`` reads back whole (standfirst, byline, address and time included).
* ``split_credit(credit, known) -> CreditParts`` separates the service, an archive
  note and a photographer (``"تصوير: علي كريم/رويترز-أرشيف"``); every reader splits a
  figure's credit so, once, with the known credits, as it builds the ``Figure``
  (``Figure.read``): whoever uses the piece reads ``Figure.credit_parts`` (service,
  note, photographer) and never splits the credit again.

Every decision the parser is unsure of is a ``ParseWarning`` naming its line;
``structure.WARNING_CODES`` and ``structure.ERROR_CODES`` list the codes. Messages
are ``messages.Text``, worded in the language active when shown (Arabic in the desk,
English in ``import_articles``); codes and parameters are the same in every language.

Text is kept code point for code point as written, apart from white space (folded),
control characters, and bidi controls that could leak (RLO always; openers left
unclosed): the expected structures of the seed-format corpus keep LRM, ZWSP and
balanced embeddings and are not NFC, and the scoring compares text exactly.
``strict=True`` stores what ``articles.text.clean_text`` would instead.
"""

from ingest.importer.credits import CreditParts, KnownCredits, split_credit
from ingest.importer.exported import export_text
from ingest.importer.parser import parse
from ingest.importer.render import render
from ingest.importer.structure import (
    Figure,
    Paragraph,
    ParsedPiece,
    ParseError,
    ParseWarning,
    Subheading,
)

__all__ = [
    "CreditParts",
    "Figure",
    "KnownCredits",
    "Paragraph",
    "ParseError",
    "ParseWarning",
    "ParsedPiece",
    "Subheading",
    "export_text",
    "parse",
    "render",
    "split_credit",
]
