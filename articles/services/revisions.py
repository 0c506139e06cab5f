"""Revisions of articles: writing them, rebuilding what an article looked like at each
one (its figures included) and saying what changed between two.

A revision is a row of the article's history table (django-simple-history), written
once the article, its sources and its captions are all stored. Captions and images keep
their own history; an article revision's figures are the captions as they stood at the
revision's time.
"""

import difflib
import functools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.apps import apps
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ..models import ARTICLE_HISTORY, Article, ArticleTransition, Caption, Image, Source
from .workflow import ALLOWED_TRANSITIONS

#: Article fields a revision shows and a restore brings back, in form order.
CONTENT_FIELDS = ["headline", "slug", "standfirst", "body", "byline", "original_url"]
#: Fields shown in a comparison but left alone by a restore (they move by transitions).
STATE_FIELDS = ["status", "published_at"]
LONG_TEXT_FIELDS = {"standfirst", "body"}
FIGURE_FIELDS = ["position", "text", "credit", "credit_note", "photo", "alt_text"]


@functools.cache
def history_manager(model):
    """Return ``model.history``: simple-history builds a new manager class at every
    access of that attribute, which costs more than the insert it is used for."""
    return model.history


#: simple-history's ``history_change_reason`` column length.
REASON_MAX_LENGTH = 100


def article_record_revision(
    article: Article,
    *,
    by,
    reason: str = "save",
    created: bool = False,
    source_links=None,
) -> None:
    """Write a revision of ``article`` as stored now (sources included), by ``by``.

    The rows simple-history would write, written directly: the revision, then its
    sources (simple-history's own path reads the article back twice more, which an
    import of thousands of files pays for each one). ``source_links``, the article's
    just-stored rows of ``Article.sources.through``, saves reading them back."""
    if hasattr(article, "skip_history_when_saving"):
        del article.skip_history_when_saving
    record = history_manager(Article).model(
        history_date=timezone.now(),
        history_type="+" if created else "~",
        history_user=by,
        history_change_reason=reason[:REASON_MAX_LENGTH],
        **{
            field.attname: getattr(article, field.attname)
            for field in ARTICLE_HISTORY.fields_included(article)
        },
    )
    record.save()
    sources_history = ARTICLE_HISTORY.m2m_models[Article._meta.get_field("sources")]
    if source_links is None:
        source_links = Article.sources.through.objects.filter(article_id=article.pk)
    sources_history.objects.bulk_create(
        sources_history(
            history=record, id=link.pk, article_id=article.pk, source_id=link.source_id
        )
        for link in source_links
    )


def revisions_of(article: Article):
    """Return the article's revisions, newest first, with their authors."""
    return (
        Article.history.filter(id=article.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def describe_reason(reason: str | None) -> str:
    """Return what a revision's stored reason means, for people."""
    reason = reason or ""
    kind, _sep, detail = reason.partition(":")
    if kind == "save" or not reason:
        return str(_("Saved"))
    if kind == "transition" and detail in ALLOWED_TRANSITIONS:
        return str(ArticleTransition.Action(detail).label).capitalize()
    if kind == "restore":
        return str(_("Restored from version %(version)s") % {"version": detail})
    if kind == "import":
        template = conditional_escape(str(_("Imported from %(file)s")))
        return mark_safe(template % {"file": format_html("<bdi>{}</bdi>", detail)})  # noqa: S308  # nosec B308, B703 # both parts escaped just above
    return reason


@dataclass
class FigureState:
    caption_id: int
    position: int
    text: str
    credit: str
    credit_id: int | None
    credit_note: str
    image_id: int
    photo: str
    alt_text: str


@dataclass
class Snapshot:
    """An article as it was at one revision."""

    record: object
    fields: dict
    sources: list[str]
    source_ids: list[int]
    figures: dict[int, FigureState] = field(default_factory=dict)

    @property
    def version(self):
        return self.record.version


_CAPTION_VALUES = ["id", "position", "text", "credit_id", "credit_note", "image_id"]
_BEFORE_ANY = datetime.min.replace(tzinfo=UTC)


def _fold(rows, until: datetime, state: dict, start: int, key: str) -> int:
    """Apply history ``rows`` (sorted by date) up to ``until`` to ``state``; return
    the index of the first row not applied."""
    index = start
    while index < len(rows) and rows[index]["history_date"] <= until:
        row = rows[index]
        if row["history_type"] == "-":
            state.pop(row[key], None)
        else:
            state[row[key]] = row
        index += 1
    return index


def build_snapshots(article: Article, records) -> dict[int, Snapshot]:
    """Return {history_id: Snapshot} for ``records`` (revisions of ``article``), in a
    fixed number of queries whatever their count."""
    records = sorted(records, key=lambda r: (r.history_date, r.history_id))
    if not records:
        return {}
    through = apps.get_model("articles", "HistoricalArticle_sources")
    source_rows = through.objects.filter(
        history_id__in=[r.history_id for r in records]
    ).values_list("history_id", "source_id")
    sources_by_record: dict[int, list[int]] = {}
    for history_id, source_id in source_rows:
        sources_by_record.setdefault(history_id, []).append(source_id)
    last = records[-1].history_date
    caption_rows = list(
        Caption.history.filter(article_id=article.pk, history_date__lte=last)
        .order_by("history_date", "history_id")
        .values("history_date", "history_type", *_CAPTION_VALUES)
    )
    # Captions and images stored without history (bulk imports) are taken as they
    # are now, from before the first revision: what is not known to have changed.
    caption_rows[:0] = [
        {**row, "history_date": _BEFORE_ANY, "history_type": "+"}
        for row in Caption.objects.filter(article_id=article.pk)
        .exclude(pk__in=Caption.history.filter(article_id=article.pk).values("id"))
        .values(*_CAPTION_VALUES)
    ]
    image_ids = {row["image_id"] for row in caption_rows}
    image_rows = list(
        Image.history.filter(id__in=image_ids, history_date__lte=last)
        .order_by("history_date", "history_id")
        .values("id", "history_date", "history_type", "file", "alt_text")
    )
    tracked_images = {row["id"] for row in image_rows}
    image_rows[:0] = [
        {**row, "history_date": _BEFORE_ANY, "history_type": "+"}
        for row in Image.objects.filter(pk__in=image_ids - tracked_images).values(
            "id", "file", "alt_text"
        )
    ]
    source_ids = {sid for ids in sources_by_record.values() for sid in ids}
    source_ids |= {row["credit_id"] for row in caption_rows if row["credit_id"]}
    names = dict(Source.objects.filter(id__in=source_ids).values_list("id", "name"))

    def source_name(source_id):
        if source_id is None:
            return ""
        return names.get(source_id) or str(
            _("deleted source #%(id)s") % {"id": source_id}
        )

    snapshots = {}
    captions: dict = {}
    images: dict = {}
    caption_index = image_index = 0
    for record in records:
        caption_index = _fold(
            caption_rows, record.history_date, captions, caption_index, "id"
        )
        image_index = _fold(image_rows, record.history_date, images, image_index, "id")
        figures = {}
        for caption_id, row in captions.items():
            image = images.get(row["image_id"], {})
            figures[caption_id] = FigureState(
                caption_id=caption_id,
                position=row["position"],
                text=row["text"],
                credit=source_name(row["credit_id"]),
                credit_id=row["credit_id"],
                credit_note=row["credit_note"],
                image_id=row["image_id"],
                photo=image.get("file") or "",
                alt_text=image.get("alt_text", ""),
            )
        ids = sorted(sources_by_record.get(record.history_id, []))
        snapshots[record.history_id] = Snapshot(
            record=record,
            fields={
                name: getattr(record, name) for name in CONTENT_FIELDS + STATE_FIELDS
            },
            sources=sorted(source_name(sid) for sid in ids),
            source_ids=ids,
            figures=dict(sorted(figures.items(), key=lambda kv: kv[1].position)),
        )
    return snapshots


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
    labels = {
        "position": _("figure number"),
        "text": _("caption"),
        "credit": _("credit"),
        "credit_note": _("credit note"),
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
