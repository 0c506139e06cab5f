"""Image credits: recognising ``(credit)`` at the end of a caption line.

Not every final parenthesis is a credit: ``(65 عاما)``, ``(أوبك)`` or
``(الدولار = 0.8 يورو)`` end ordinary sentences. A figure is recognised by its shape;
the credits the newsroom knows (its confirmed sources and their other spellings,
passed in by the caller as :class:`KnownCredits`; the parser keeps no list of its own)
make a line more likely a caption, and an unknown name does not make it less likely:

* captions are short and have no final punctuation, paragraphs are long (by the
  format's own definition a short line without final punctuation is no paragraph,
  so an unknown short name there is taken, with a warning);
* the credit's form: ``تصوير: name``, ``name/agency``, an archive note such as
  ``-أرشيف``, a word naming an outlet (وكالة، صحيفة …);
* a credit is often glued to the last word (``بنغازي(الجزيرة)``);
* the line's place: after an alt-text line in the same block, or the same line twice
  (the format's two ways of giving alt text), or first in the body, where the lead
  photo goes;
* several sentences on one line are a paragraph's shape, and so are an item of a
  list (``- الهجوم: محمد السهلاوي (النصر)``) and a parenthesis that abbreviates the
  name just before it (``منظمة الدول المصدرة للبترول (أوبك)``);
* digits, ``=``, ``%`` or more than four words inside the parentheses rule it out.

A line reporting speech (``قال …``, ``وأكد …``) is no evidence either way: captions in
the dumps are often the opening sentence of the story, and begin so.
"""

import re
from dataclasses import dataclass

from articles.text import match_key
from ingest.importer.judge import (
    SUBHEADING_MAX_WORDS,
    ends_with_final_punctuation,
    is_list_item,
    words,
)


class KnownCredits(frozenset):
    """The names the newsroom knows as credits, as matching keys (``match_key``):
    ``KnownCredits(["رويترز", "Reuters"])``. Empty when none are given."""

    def __new__(cls, names=()):
        return super().__new__(cls, (match_key(name) for name in names if name))

    def __contains__(self, name) -> bool:
        return super().__contains__(match_key(name))


NO_KNOWN_CREDITS = KnownCredits()

ARCHIVE_WORDS = ("أرشيف", "ارشيف", "أرشيفية", "ارشيفية")
_ARCHIVE = "|".join(ARCHIVE_WORDS)
_NOTE_AFTER = re.compile(rf"^(?P<service>.+?)\s*[-–—_/]?\s*(?P<note>{_ARCHIVE})$")
_NOTE_BEFORE = re.compile(rf"^(?P<note>{_ARCHIVE})\s*[-–—_/]\s*(?P<service>.+)$")
_RULED_OUT = re.compile(r"[0-9٠-٩۰-۹=%+]")
# "تصوير: علي كريم", "عدسة علي كريم", optionally followed by "/agency".
_PHOTOGRAPHER = re.compile(
    r"^(?:تصوير|بتصوير|عدسة|بعدسة|صورة)\s*[:：]?\s*(?P<name>[^/]+?)"
    r"(?:\s*/\s*(?P<agency>.+))?$"
)
# A sentence ending inside the line: several sentences are a paragraph.
_SENTENCE_END_INSIDE = re.compile(r"[.!?؟…]\s+\S")
# Nouns that start an organisation's name: a parenthesis right after such a name
# abbreviates it (منظمة الدول المصدرة للبترول (أوبك)); "ل", "ب", "و" and "ال" may be
# attached.
_ORGANISATION = re.compile(
    r"^[وف]?[بلك]?(?:ال|لل)?(?:منظمة|هيئة|مجلس|اتحاد|جمعية|حركة|حزب|جبهة|مؤسسة|مركز|"
    r"برنامج|صندوق|لجنة|شركة|بنك|مصرف|رابطة|تحالف|محكمة|وكالة|جامعة|نقابة)$"
)
# Words that end an organisation's name: a place or a time after it.
_NAME_BREAK = re.compile(
    r"^(?:في|من|على|عن|إلى|الى|أمس|اليوم|خلال|أمام|امام|قرب|بعد|قبل|عند|مساء|صباح|بال\S+)$"
)
# How many words before the parenthesis an organisation's name may start.
NAME_WORDS = 6
# Words that name a news outlet: evidence that an unknown name is a credit.
_OUTLET_WORD = re.compile(
    r"(?:^|\s)(?:[وب]?ال)?(?:وكالة|وكالات|صحيفة|جريدة|قناة|تلفزيون|إذاعة|اذاعة|شبكة|موقع|مواقع)(?:\s|$)"
)

# Scoring, from CREDIT_THRESHOLD up a credit:
#   the name: known +4 (unknown 0; +1 with a word such as وكالة or صحيفة, +2 for a
#     photographer's credit, +1 for name/agency), archive note +2, glued +1;
#   the place: the same line twice +4, after an alt line +3 (+1 when that line is
#     short enough to be a sub-heading running into its paragraph), first in the
#     body +2;
#   the text before it: caption length +2 (paragraph length -3), ending a sentence
#     -2, several sentences -2, a list item -3, abbreviated by the parenthesis -3.
# So a known name is taken on any caption-sized line, an unknown one on a short
# unpunctuated line (with a warning), and a lone short line of several sentences
# only where a lead photo goes.
CREDIT_THRESHOLD = 2
RULED_OUT = -10
MAX_CREDIT_WORDS = 4
SHORT_BEFORE_WORDS = 20
LONG_BEFORE_WORDS = 26


@dataclass(frozen=True)
class CreditParts:
    """A credit as written, split: the ``service`` (agency or outlet, the source to
    link; None for a photographer's own credit), the archive ``note`` and the
    ``photographer``, each as written, white space folded."""

    service: str | None
    note: str | None = None
    photographer: str | None = None


def split_credit(credit: str, known: KnownCredits = NO_KNOWN_CREDITS) -> CreditParts:
    """Split a credit as written: ``"رويترز-أرشيف"`` gives service رويترز and note
    أرشيف; ``"تصوير: علي كريم/رويترز"`` and ``"علي كريم/رويترز"`` give photographer
    علي كريم and service رويترز; ``"تصوير: علي كريم"`` a photographer alone. Two known
    names around a slash (``"الجزيرة/رويترز"``) stay one service as written."""
    credit = " ".join(credit.split())
    note = None
    for pattern in (_NOTE_AFTER, _NOTE_BEFORE):
        found = pattern.match(credit)
        if found and found["service"].strip(" -–—_/"):
            credit, note = found["service"].strip(" -–—_/"), found["note"]
            break
    if found := _PHOTOGRAPHER.match(credit):
        return CreditParts(found["agency"], note, found["name"])
    if "/" in credit:
        left, right = (part.strip() for part in credit.split("/", 1))
        if left and right and left not in known and "/" not in right:
            return CreditParts(right, note, left)
    return CreditParts(credit, note)


@dataclass(frozen=True)
class TrailingParenthesis:
    """The final ``(…)`` of a line: the text before it, what is inside, and whether it
    scored as a credit."""

    before: str
    inside: str
    glued: bool
    score: int
    known: bool
    parts: CreditParts | None = None

    @property
    def is_credit(self) -> bool:
        return self.score >= CREDIT_THRESHOLD

    @property
    def is_close_call(self) -> bool:
        """Not taken, but not far from it: worth a warning to the editor."""
        return self.known or self.score >= CREDIT_THRESHOLD - 3


def trailing_parenthesis(
    line: str,
    *,
    above: str | None = None,
    first: bool = False,
    known: KnownCredits = NO_KNOWN_CREDITS,
) -> TrailingParenthesis | None:
    """Return the scored final parenthesis of ``line``, or None when the line does not
    end with ``(…)`` preceded by some text. ``above`` is the line before it in the same
    block, if any (its alt text; the same line when the dump repeats it); ``first``
    says that the line opens the body."""
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
    parts = split_credit(inside, known)
    is_known = bool(parts.service and parts.service in known)
    # Digits or signs rule a parenthesis out (65 عاما), unless it names a known
    # credit (فرانس 24).
    if not is_known and (_RULED_OUT.search(inside) or words(inside) > MAX_CREDIT_WORDS):
        return TrailingParenthesis(before, inside, glued, RULED_OUT, known=False)
    score = (
        _name_score(inside, parts, is_known, glued)
        + _place_score(line, above, first)
        + _text_score(before, inside, parts)
    )
    return TrailingParenthesis(before, inside, glued, score, is_known, parts)


def _name_score(inside: str, parts: CreditParts, known: bool, glued: bool) -> int:
    score = 4 if known else 0
    if not known and parts.service and _OUTLET_WORD.search(parts.service):
        score += 1
    if _PHOTOGRAPHER.match(inside):
        score += 2
    elif parts.photographer:
        score += 1
    if parts.note or parts.service in ARCHIVE_WORDS:
        score += 2
    if glued:
        score += 1
    return score


def _place_score(line: str, above: str | None, first: bool) -> int:
    score = 2 if first else 0
    if above == line:
        score += 4
    elif above is not None:
        score += 3 if words(above) > SUBHEADING_MAX_WORDS else 1
    return score


def _text_score(before: str, inside: str, parts: CreditParts) -> int:
    length = words(before)
    score = 2 if length <= SHORT_BEFORE_WORDS else 0
    if length >= LONG_BEFORE_WORDS:
        score -= 3
    if ends_with_final_punctuation(before):
        score -= 2
    if _SENTENCE_END_INSIDE.search(before):
        score -= 2
    if is_list_item(before):
        score -= 3
    if _abbreviates(before, inside, parts):
        score -= 3
    return score


def _abbreviates(before: str, inside: str, parts: CreditParts) -> bool:
    """Return True if ``(inside)`` reads as the short form of an organisation named
    just before it: one word, no credit's form, after a noun such as منظمة or وكالة."""
    if words(inside) != 1 or parts.photographer or parts.note:
        return False
    tail = before.split()[-NAME_WORDS:]
    starts = [n for n, word in enumerate(tail) if _ORGANISATION.match(word)]
    if not starts:
        return False
    # The short form follows the name itself: a place or a time between them
    # (``مجلس الوزراء في عمان (بترا)``, ``شركة أرامكو بالظهران (واس)``) ends the name,
    # and the parenthesis is then a caption's credit.
    return not any(_NAME_BREAK.match(word) for word in tail[starts[-1] + 1 :])
