"""The importer: raw news dumps (seed format or TREC archives) in, structure out.

Pure parsing: bytes in, dataclasses out, no database. ``parse`` reads one file;
``render`` writes a piece back in the seed format; ``split_credit`` separates an
archive note from a figure credit.
"""

from .credits import split_credit
from .parser import parse
from .render import render
from .structure import (
    Figure,
    Paragraph,
    ParsedPiece,
    ParseError,
    ParseWarning,
    Subheading,
)

__all__ = [
    "Figure",
    "Paragraph",
    "ParseError",
    "ParseWarning",
    "ParsedPiece",
    "Subheading",
    "parse",
    "render",
    "split_credit",
]
