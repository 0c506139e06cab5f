"""Image credits: recognising ``(credit)`` at the end of a caption line.

Not every final parenthesis is a credit: ``(65 عاما)``, ``(أوبك)`` or
``(الدولار = 0.8 يورو)`` end ordinary sentences. A trailing parenthesis is scored on
several pieces of evidence, the list of known credits being only the strongest:

* the name (or the name before an archive note such as ``-أرشيف``) is a known credit;
* an archive note is itself evidence of a credit;
* captions are short and have no final punctuation, paragraphs are long (by the
  format's own definition a short line without final punctuation is no paragraph,
  so an unknown short name there is still taken, with a warning);
* a credit is often glued to the last word (``بنغازي(الجزيرة)``);
* the line follows an alt-text line in the same block;
* digits, ``=``, ``%`` or more than four words inside the parentheses rule it out.
"""

import re
from dataclasses import dataclass

from articles.text import match_key
from ingest.importer.judge import ends_with_final_punctuation, words

# Credits seen in seed-format dumps, plus the usual spellings of the big agencies.
KNOWN_CREDITS = (
    "الجزيرة",
    "الجزيرة نت",
    "رويترز",
    "الفرنسية",
    "الأوروبية",
    "أسوشيتد برس",
    "الأناضول",
    "غيتي",
    "الألمانية",
    "مواقع التواصل",
    "مواقع التواصل الاجتماعي",
    "وكالات",
    "أرشيف",
    "فرانس برس",
    "أ ف ب",
    "أ.ف.ب",
    "د ب أ",
    "إي بي إيه",
    "غيتي إيميجز",
    "أسوشيتدبرس",
    "AFP",
    "Reuters",
    "AP",
    "EPA",
    "Getty",
    "Getty Images",
)
_KNOWN_KEYS = frozenset(match_key(name) for name in KNOWN_CREDITS)

ARCHIVE_WORDS = ("أرشيف", "ارشيف", "أرشيفية", "ارشيفية")
_ARCHIVE = "|".join(ARCHIVE_WORDS)
_NOTE_AFTER = re.compile(rf"^(?P<service>.+?)\s*[-–—_/]?\s*(?P<note>{_ARCHIVE})$")
_NOTE_BEFORE = re.compile(rf"^(?P<note>{_ARCHIVE})\s*[-–—_/]\s*(?P<service>.+)$")
_RULED_OUT = re.compile(r"[0-9٠-٩۰-۹=%+]")
# Words that name a news outlet: evidence that an unknown name is a credit.
_OUTLET_WORD = re.compile(
    r"(?:^|\s)(?:[وب]?ال)?(?:وكالة|وكالات|صحيفة|جريدة|قناة|تلفزيون|إذاعة|اذاعة|شبكة|موقع|مواقع)(?:\s|$)"
)

# Scoring: known name +4 (unknown -1, +1 with a word such as وكالة or صحيفة),
# archive note +2, glued +1, after an alt line +1, text before it of caption length +2
# (paragraph length -3), text before it ending a sentence -2. Taken as a credit from
# CREDIT_THRESHOLD up: a known name on any caption-sized line; an unknown one only on a
# short unpunctuated line with more evidence (glued, after an alt line, an archive
# note, an outlet word), and with a warning.
CREDIT_THRESHOLD = 2
RULED_OUT = -10
MAX_CREDIT_WORDS = 4
SHORT_BEFORE_WORDS = 20
LONG_BEFORE_WORDS = 26


def split_credit(credit: str) -> tuple[str, str | None]:
    """Return ``(service, note)`` for a credit as written: ``"رويترز-أرشيف"`` gives
    ``("رويترز", "أرشيف")``, ``"الجزيرة"`` gives ``("الجزيرة", None)``. The note is
    the archive word as written; white space is folded."""
    credit = " ".join(credit.split())
    for pattern in (_NOTE_AFTER, _NOTE_BEFORE):
        found = pattern.match(credit)
        if found and found["service"].strip(" -–—_/"):
            return found["service"].strip(" -–—_/"), found["note"]
    return credit, None


def is_known_credit(name: str) -> bool:
    """Return True if ``name`` (without an archive note) is a known credit."""
    return match_key(name) in _KNOWN_KEYS


@dataclass(frozen=True)
class TrailingParenthesis:
    """The final ``(…)`` of a line: the text before it, what is inside, and whether it
    scored as a credit."""

    before: str
    inside: str
    glued: bool
    score: int
    known: bool

    @property
    def is_credit(self) -> bool:
        return self.score >= CREDIT_THRESHOLD


def trailing_parenthesis(
    line: str, *, after_alt: bool = False
) -> TrailingParenthesis | None:
    """Return the scored final parenthesis of ``line``, or None when the line does not
    end with ``(…)`` preceded by some text."""
    if not line.endswith(")"):
        return None
    opening = line.rfind("(")
    inside = line[opening + 1 : -1]
    before = line[:opening]
    if opening <= 0 or "(" in inside or ")" in inside or not before.strip():
        return None
    inside = " ".join(inside.split())
    if not inside:
        return None
    glued = not before[-1].isspace()
    before = before.rstrip()
    if _RULED_OUT.search(inside) or words(inside) > MAX_CREDIT_WORDS:
        return TrailingParenthesis(before, inside, glued, RULED_OUT, known=False)
    service, note = split_credit(inside)
    known = is_known_credit(service)
    return TrailingParenthesis(
        before=before,
        inside=inside,
        glued=glued,
        score=_score(before, glued, known, note, after_alt, service),
        known=known,
    )


def _score(before, glued, known, note, after_alt, service="") -> int:
    # An unknown name needs more than a short line: a glued parenthesis, an alt line
    # above, an archive note or a word naming a news outlet (a short sentence may end
    # with "(أوبك)"; a caption with "(وكالة سبوتنيك)").
    score = 4 if known else -1
    if not known and _OUTLET_WORD.search(service):
        score += 1
    if note:
        score += 2
    if glued:
        score += 1
    if after_alt:
        score += 1
    length = words(before)
    if length >= LONG_BEFORE_WORDS:
        score -= 3
    elif length <= SHORT_BEFORE_WORDS:
        score += 2
    if ends_with_final_punctuation(before):
        score -= 2
    return score
