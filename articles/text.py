"""Arabic text handling: tidying stored text, search keys and slugs.

Nothing here changes what a journalist wrote beyond white space and invisible
controls; search keys and slugs are derived values, never stored in place of the text.
"""

import re
import unicodedata

from django.utils.text import slugify

# Harakat and other combining marks used on Arabic letters: U+064B-U+065F (tanwin,
# harakat, shadda, sukun, maddah, hamza marks), U+0670 (superscript alef), and the
# Quranic annotation signs U+0610-U+061A and U+06D6-U+06ED.
HARAKAT_RE = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
)
TATWEEL = "\u0640"
# Bidi and zero-width controls that change display but not meaning: LRM, RLM, ALM,
# the embedding/override/isolate controls, ZWSP, ZWJ, word joiner and BOM. ZWNJ
# (U+200C) is kept in stored text because it changes letter joining in Persian names.
BIDI_CONTROLS = (
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
INVISIBLES = "\u200b\u200d\u2060\ufeff"
_DROP_CONTROLS = {ord(c): None for c in BIDI_CONTROLS + INVISIBLES}
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Any run of white space, no-break spaces included.
SPACE_RE = re.compile(r"[\s\u00a0\u2007\u202f]+")

SLUG_MAX_LENGTH = 80


def fold_spaces(text: str) -> str:
    """Return ``text`` with every run of white space (no-break spaces too) as one space,
    trimmed at both ends."""
    return SPACE_RE.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """Return text fit to store: NFC, bidi/zero-width controls removed, white space
    folded. Letters, harakat, tatweel and spellings are left exactly as written."""
    return fold_spaces(unicodedata.normalize("NFC", text).translate(_DROP_CONTROLS))


def strip_marks(text: str) -> str:
    """Return ``text`` without harakat, tatweel and bidi/zero-width controls (NFKC first,
    so presentation forms become plain letters and Eastern digits become Western)."""
    text = unicodedata.normalize("NFKC", text)
    text = HARAKAT_RE.sub("", text).replace(TATWEEL, "").translate(_DROP_CONTROLS)
    return text.translate(EASTERN_DIGITS)


def arabic_slugify(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """Return a Unicode slug for ``text``: no harakat, tatweel or bidi marks, Western
    digits, words joined by hyphens, at most ``max_length`` characters, cut at a word
    boundary where possible."""
    slug = slugify(strip_marks(text), allow_unicode=True)
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if slug[max_length] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


_LETTER_FOLDS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
)


def match_key(name: str) -> str:
    """Return the key under which a source name or credit is matched: marks stripped,
    hamza-on-alef, alef maqsura and ta marbuta folded, Latin case folded, hyphens and
    white space as single spaces."""
    key = strip_marks(name).translate(_LETTER_FOLDS).casefold()
    return fold_spaces(re.sub(r"[-_–—/]+", " ", key))
