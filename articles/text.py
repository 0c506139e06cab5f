"""Arabic text handling: tidying stored text, search keys and slugs.

Nothing here changes what a journalist wrote beyond white space and invisible
controls; search keys and slugs are derived values, never stored in place of the text.

The search normaliser (``search_tokens``, ``search_key``, ``keyed_words``) is the one
place that decides which spellings of a word are "the same" for search. Indexing and
querying both go through it, so a reader's غزه, مستشفي or والمسؤولون meets the text's
غزة, مستشفى or المسؤولين. Its steps, per word:

1. ``strip_marks``: NFKC (presentation forms become letters), no harakat, tatweel or
   bidi/zero-width controls, Eastern Arabic digits become Western ones;
2. ``fold_letters``: أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي (and Persian
   ک ی ھ → ك ي ه), Latin case folded;
3. split at the border between Arabic letters and other letters or digits (الـ26);
4. drop stop words (في, من, التي …) and single Arabic letters;
5. ``strip_article``: the definite article with the clitics glued before it
   (ال, وال, فال, بال, كال, لل, وبال …) comes off when at least two letters remain
   (three after a clitic and ال), so والد, والدة and بالغة stay whole;
6. ``strip_suffix``: one plural, dual or feminine ending (ات ون ين ان ه) comes off when
   at least four letters remain, so مسؤولون, المسؤولين and مسؤول share a key while
   لبنان, البحرين and غزة keep theirs.

Single clitics without the article (وغزة, بغزة) are not stripped from the text, where
they would merge unrelated words (كامل → امل); the query side asks for them instead
(see ``clitic_variants``).
"""

import functools
import re
import unicodedata

# Harakat and other combining marks used on Arabic letters: U+064B-U+065F (tanwin,
# harakat, shadda, sukun, maddah, hamza marks), U+0670 (superscript alef), and the
# Quranic annotation signs U+0610-U+061A and U+06D6-U+06ED.
_HARAKAT = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
HARAKAT_RE = re.compile(f"[{_HARAKAT}]")
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
ZWNJ = "\u200c"


def _replace_chars(text: str, pairs) -> str:
    """``text`` with each ``(old, new)`` character replaced. The same as
    ``str.translate`` with those pairs, but many times faster on long Arabic text
    (translate looks every character up in a dict; replace only scans)."""
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


_CONTROL_PAIRS = [(c, "") for c in BIDI_CONTROLS + INVISIBLES]
_DIGIT_PAIRS = list(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789", strict=True))
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
    text = HARAKAT_RE.sub("", text).replace(TATWEEL, "")
    return _replace_chars(text, [*_CONTROL_PAIRS, *_DIGIT_PAIRS])


_PUNCTUATION = re.compile(r"[^\w\s-]+")
_HYPHENS_AND_SPACES = re.compile(r"[-\s]+")


def arabic_slugify(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """Return a Unicode slug for ``text``: no harakat, tatweel or bidi marks, Western
    digits, words joined by hyphens, at most ``max_length`` characters, cut at a word
    boundary where possible."""
    # Punctuation between words (عنوان:مع/شرطة) separates them like a space would.
    # What Django's slugify(allow_unicode=True) does, here without Django: this module
    # is shared with the pure importer.
    words = _PUNCTUATION.sub(" ", strip_marks(text)).lower()
    slug = _HYPHENS_AND_SPACES.sub("-", words).strip("-_")
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if slug[max_length] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


# Letters written in several ways for the same word. Source names (match_key) fold the
# alef forms, alef maqsura and ta marbuta; search folds the hamza seats too. Source
# keys are stored under a unique constraint, so widening their fold would need their
# keys rewritten: search keys can afford the wider fold because the index is rebuilt.
_NAME_FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
_SEARCH_FOLDS = [
    *_NAME_FOLDS.items(),
    *{"ؤ": "و", "ئ": "ي", "ک": "ك", "ی": "ي", "ھ": "ه", "ۀ": "ه"}.items(),
]


def fold_letters(text: str) -> str:
    """Return ``text`` with the letters search treats as one folded (أ إ آ ٱ → ا,
    ى → ي, ة → ه, ؤ → و, ئ → ي, Persian forms → Arabic) and Latin case folded."""
    return _replace_chars(text, _SEARCH_FOLDS).casefold()


def match_key(name: str) -> str:
    """Return the key under which a source name or credit is matched: marks stripped,
    hamza-on-alef, alef maqsura and ta marbuta folded, Latin case folded, hyphens and
    white space as single spaces."""
    key = _replace_chars(strip_marks(name), _NAME_FOLDS.items()).casefold()
    return fold_spaces(re.sub(r"[-_–—/]+", " ", key))


# --- Search keys -------------------------------------------------------------------

# A word as written: letters and digits with any harakat, tatweel, combining accents
# or invisible controls inside it.
_WORD_RE = re.compile(
    rf"(?:[^\W_]|[{_HARAKAT}\u0300-\u036f\u200b-\u200f\u202a-\u202e\u2060-\u2069"
    r"\u061c\ufeff])+"
)
# After folding, a written word may hold several search tokens: Arabic letters and
# anything else (Latin letters with digits, digits) are split apart, so الـ26 gives
# ال and 26 while G20 stays g20.
_TOKEN_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+|[^\W_\u0600-\u06ff]+")
# Tokens longer than this are not words (PostgreSQL refuses lexemes over 2 kB).
MAX_TOKEN_LENGTH = 60

# Function words that carry no meaning on their own, in folded form. علي (على) is kept
# because it is also the name Ali. (A block of words reads and edits better here than
# a list of quoted strings.)
STOP_WORDS = frozenset(
    """
    ال في من الي عن مع ان انه انها انهم ما لا لم لن قد لقد هذا هذه هذان هاتان ذلك
    تلك هولاء اولايك التي الذي الذين اللذين اللتين اللاتي اللواتي هو هي هم هما هن
    نحن انا انت انتم كان كانت كانوا يكون تكون او ثم بل لكن لكنه حتي اذا اذ منذ عند
    عندما بين حيث كما كل بعض ايضا الا اما اي بعد قبل خلال حول دون ضد لدي لها له لهم
    به بها بهم فيه فيها فيهم منه منها منهم عليه عليها عليهم اليه اليها فيما بينما
    ليس ليست يا لان كي لكي
    """.split()  # noqa: SIM905
)

# The definite article with the clitics that may glue onto it (و/ف + ب/ك/ل + ال),
# longest first. ل + ال is written لل.
ARTICLE_PREFIXES = tuple(
    sorted(
        {
            conj + prep + art
            for conj in ("", "و", "ف")
            for prep, art in (("", "ال"), ("ب", "ال"), ("ك", "ال"), ("ل", "ل"))
        },
        key=len,
        reverse=True,
    )
)
# Plural, dual and feminine endings taken off by the light stemmer.
SUFFIXES = ("ات", "ون", "ين", "ان", "ه")
MIN_STEM_AFTER_ARTICLE = 2
MIN_STEM_AFTER_SUFFIX = 4
# Single clitics a query word may carry in the text (وغزة, بغزة, فبغزة, لغزة).
CLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
MIN_CLITIC_STEM = 3


def strip_article(token: str) -> str:
    """Return ``token`` without its definite article and the clitics glued before it,
    if at least two letters remain after ال, three after a clitic and ال (so والد,
    والدة and بالغة stay whole; الله too)."""
    for prefix in ARTICLE_PREFIXES:
        if token.startswith(prefix):
            rest = token[len(prefix) :]
            if rest == "له" and prefix.endswith("ال"):
                return "الله"
            least = MIN_STEM_AFTER_ARTICLE + (prefix not in ("ال", "لل"))
            if len(rest) >= least:
                return rest
            break
    return token


def strip_suffix(token: str) -> str:
    """Return ``token`` without one plural, dual or feminine ending, if at least four
    letters remain."""
    for suffix in SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= MIN_STEM_AFTER_SUFFIX:
            return token[: -len(suffix)]
    return token


def _is_stop_word(token: str) -> bool:
    """True for a stop word, alone or with و or ف glued before it (والتي, فقد)."""
    return token in STOP_WORDS or (token[:1] in ("و", "ف") and token[1:] in STOP_WORDS)


def _token_stem(token: str) -> str | None:
    """Return a folded token without its article (not yet stemmed), or None when it
    is not indexed: a stop word, a single Arabic letter or an overlong token."""
    if _is_stop_word(token) or len(token) > MAX_TOKEN_LENGTH:
        return None
    if token.isascii() or token.isdigit():
        return token
    if len(token) < 2:
        return None
    return strip_article(token)


def token_key(token: str) -> str | None:
    """Return the search key of one folded token, or None when it is not indexed."""
    stem = _token_stem(token)
    if stem is None or stem.isascii():
        return stem
    return strip_suffix(stem)


@functools.lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, ...]:
    """Return the search keys of one written word (usually one key; none for a stop
    word; several when letters and digits are glued, as in الـ26)."""
    keys = (token_key(token) for token in _word_tokens(word))
    return tuple(key for key in keys if key)


def search_fold(text: str) -> str:
    """Return ``text`` with the character-level steps of the normaliser applied
    (marks, controls, letter folds, case): every search key of a word of ``text`` is
    a substring of it, which makes it a cheap test of whether a text can match."""
    # ZWNJ changes how letters join, not which word it is.
    return fold_letters(strip_marks(text).replace(ZWNJ, ""))


def _word_tokens(word: str) -> list[str]:
    return _TOKEN_RE.findall(search_fold(word))


def keyed_words(text: str):
    """Yield ``(start, end, keys)`` for every written word of ``text``: its place in
    the original text and its search keys. Highlighting uses it to mark the original
    words whose keys a query asked for."""
    for match in _WORD_RE.finditer(text):
        yield match.start(), match.end(), word_keys(match.group())


def search_tokens(text: str) -> list[str]:
    """Return the search keys of ``text``, in order. Never used to change stored text."""
    return [key for word in _WORD_RE.findall(text) for key in word_keys(word)]


def search_key(text: str) -> str:
    """Return the search keys of ``text`` joined by spaces: what the index stores."""
    return " ".join(search_tokens(text))


def query_words(text: str) -> list[tuple[str, ...]]:
    """Return, for each search token a reader typed in ``text``, the keys it matches:
    its own key, the same word with a single clitic glued before it (غزة also finds
    وغزة, بغزة, لغزة …) and, when the typed word carries such a clitic, the word
    without it (وغزة also finds غزة). Words shorter than three letters get no clitic
    variants (حر must not find بحر); ك is left out (امل must not find كامل)."""
    result = []
    for word in _WORD_RE.findall(text):
        for token in _word_tokens(word):
            key = token_key(token)
            if key is None:
                continue
            bases = [token] + [
                token[len(clitic) :]
                for clitic in CLITICS
                if token.startswith(clitic)
                and len(token) - len(clitic) >= MIN_CLITIC_STEM
                and strip_article(token) == token
            ]
            variants = [key]
            for base in bases:
                stem = _token_stem(base)
                if stem in (None, "الله") or stem.isascii() or stem.isdigit():
                    continue
                variants.append(strip_suffix(stem))
                if len(stem) >= MIN_CLITIC_STEM:
                    variants += [strip_suffix(clitic + stem) for clitic in CLITICS]
            result.append(tuple(dict.fromkeys(variants)))
    return result
