"""Comparing two revisions of an article for the desk: which fields, sources,
section, tags, authors and figures changed, with the words removed and added marked in escaped HTML."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleTransition, Correction
from articles.services.revisions import (
    CONTENT_FIELDS,
    FIGURE_FIELDS,
    STATE_FIELDS,
    Snapshot,
)
from articles.services.workflow import ALLOWED_TRANSITIONS

LONG_TEXT_FIELDS = {"standfirst", "body"}


def describe_reason(reason: str | None) -> str:
    """Return what a revision's stored reason means, for people."""
    reason = reason or ""
    kind, _sep, detail = reason.partition(":")
    if kind == "save" and detail == "silent":
        return str(_("Saved as a silent fix"))
    if kind == "save" and detail == "update":
        return str(_("Saved as an update, with a note for readers"))
    if kind == "save" or not reason:
        return str(_("Saved"))
    if kind == "correction" and detail in Correction.Kind.values:
        return str(
            _("%(kind)s published") % {"kind": Correction.Kind(detail).label}
        ).capitalize()
    if kind == "transition" and detail in ALLOWED_TRANSITIONS:
        return str(ArticleTransition.Action(detail).label).capitalize()
    if kind == "restore":
        return str(_("Restored from version %(version)s") % {"version": detail})
    if kind == "photo":
        return str(_("Photo or alt text changed in the photo library"))
    if kind == "import":
        template = conditional_escape(str(_("Imported from %(file)s")))
        return mark_safe(template % {"file": format_html("<bdi>{}</bdi>", detail)})  # noqa: S308  # nosec B308, B703 # both parts escaped just above
    return reason


@dataclass
class Change:
    label: str
    old: object
    new: object
    diff: SafeString | None = None


@dataclass
class FigureChange:
    label: str
    kind: str  # "added", "removed" or "changed"
    changes: list[Change]


_TOKEN_RE = re.compile(r"(\s+)")


def _word_diff(old: str, new: str) -> str:
    old_tokens = _TOKEN_RE.split(old)
    new_tokens = _TOKEN_RE.split(new)
    parts = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(conditional_escape("".join(old_tokens[a1:a2])))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", "".join(old_tokens[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", "".join(new_tokens[b1:b2])))
    return "".join(str(part) for part in parts)


def text_diff(old: str, new: str) -> SafeString:
    """Return HTML marking the words removed (``<del>``) and added (``<ins>``) between
    two texts, line by line; long runs of unchanged lines are cut down to the lines
    next to a change. Every piece of text is escaped."""
    old_lines = (old or "").splitlines()
    new_lines = (new or "").splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    opcodes = matcher.get_opcodes()
    skipped = format_html('<span class="desk-diff-skip">{}</span>', "⋯")
    parts = []
    for index, (op, a1, a2, b1, b2) in enumerate(opcodes):
        if op != "equal":
            parts.append(
                _word_diff("\n".join(old_lines[a1:a2]), "\n".join(new_lines[b1:b2]))
            )
            continue
        lines = [line for line in old_lines[a1:a2] if line.strip()]
        if len(lines) <= 2:
            parts.append(conditional_escape("\n".join(old_lines[a1:a2])))
            continue
        kept = []
        if index > 0:
            kept.append(conditional_escape(lines[0]))
        kept.append(str(skipped))
        if index < len(opcodes) - 1:
            kept.append(conditional_escape(lines[-1]))
        lead = "\n" if not old_lines[a1].strip() else ""
        parts.append(lead + "\n\n".join(str(k) for k in kept))
    return mark_safe("\n".join(str(part) for part in parts))  # noqa: S308  # nosec B308, B703 # every part passed conditional_escape


def _same(a, b) -> bool:
    """Equal, or texts that differ only in line ends (CRLF from browsers)."""
    if isinstance(a, str) and isinstance(b, str):
        return a.splitlines() == b.splitlines() and a.strip() == b.strip()
    return a == b


def _display(name: str, value):
    if name == "status":
        return Article.Status(value).label if value else ""
    return value if value not in (None, "") else ""


def snapshot_diff(old: Snapshot, new: Snapshot) -> tuple[list, list]:
    """Return (field changes, figure changes) from ``old`` to ``new``."""
    changes = []
    for name in CONTENT_FIELDS + STATE_FIELDS:
        before, after = old.fields.get(name), new.fields.get(name)
        if _same(before, after):
            continue
        label = str(Article._meta.get_field(name).verbose_name)
        diff = text_diff(before, after) if name in LONG_TEXT_FIELDS else None
        changes.append(
            Change(label, _display(name, before), _display(name, after), diff)
        )
    if old.source_ids != new.source_ids:
        changes.append(
            Change(
                str(Article._meta.get_field("sources").verbose_name),
                " + ".join(old.sources),
                " + ".join(new.sources),
            )
        )
    # Recorded since sections, tags and authors exist: compared when both have them.
    if old.section_ids is not None and new.section_ids is not None:
        before, after = old.section or {}, new.section or {}
        if before.get("id") != after.get("id"):
            changes.append(
                Change(
                    str(Article._meta.get_field("section").verbose_name),
                    before.get("name", ""),
                    after.get("name", ""),
                )
            )
        for name in ("sections", "tags", "authors"):
            if old.taxonomy[name] != new.taxonomy[name]:
                changes.append(
                    Change(
                        str(Article._meta.get_field(name).verbose_name),
                        "، ".join(old.taxonomy[name]),
                        "، ".join(new.taxonomy[name]),
                    )
                )
    labels = {
        "position": _("figure number"),
        "text": _("caption"),
        "credit": _("credit"),
        "credit_note": _("credit note"),
        "photographer": _("photographer"),
        "photo": _("photo file"),
        "alt_text": _("alt text"),
    }
    figures = []
    for caption_id in sorted(
        old.figures.keys() | new.figures.keys(),
        key=lambda cid: (new.figures.get(cid) or old.figures.get(cid)).position,
    ):
        before, after = old.figures.get(caption_id), new.figures.get(caption_id)
        shown = after or before
        label = str(_("Figure %(number)s") % {"number": shown.position})
        if before is None or after is None:
            kind = "added" if before is None else "removed"
            figure_changes = [
                Change(str(labels[name]), "", value)
                if kind == "added"
                else Change(str(labels[name]), value, "")
                for name in FIGURE_FIELDS
                if (value := getattr(shown, name)) not in ("", None)
            ]
            figures.append(FigureChange(label, kind, figure_changes))
            continue
        figure_changes = []
        for name in FIGURE_FIELDS:
            a, b = getattr(before, name), getattr(after, name)
            if not _same(a, b):
                diff = text_diff(a, b) if name == "text" else None
                figure_changes.append(Change(str(labels[name]), a, b, diff))
        if figure_changes:
            figures.append(FigureChange(label, "changed", figure_changes))
    return changes, figures
