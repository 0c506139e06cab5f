"""Figures of an article: numbering them and keeping the body's markers on them.

A figure's number (``Caption.position``) is what the body's ``[[صورة N]]`` line
refers to. When editors renumber figures (reorder them), each marker follows its figure,
so a photo never leaves the paragraph it was placed after; the order decides the
figures' numbering, the first figure and where figures the body does not place appear.
A removed figure's markers are removed with it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ..body import FIGURE_RE, figure_marker
from ..models import Article, Caption, Image
from ..text import EASTERN_DIGITS, fold_spaces
from .images import DuplicateImage, image_attach_file, image_create
from .permissions import can_change_image

#: Why the alt text of a photo shared with articles one cannot edit stays as it is.
ALT_TEXT_LOCKED = _(
    "This photo is also used in articles you cannot edit: only an editor can change "
    "its alt text."
)

# Positions are moved out of the way first so that swapping two numbers never meets
# the (article, position) unique constraint half-way.
_PARKING_OFFSET = 30000


def renumber_markers(body: str, mapping: dict[int, int | None]) -> str:
    """Return ``body`` with each figure marker numbered by ``mapping`` (old → new), and
    the lines of markers mapped to None removed. Every other line is kept exactly."""
    if not mapping:
        return body
    newline = "\r\n" if "\r\n" in body else "\n"
    lines = body.split(newline)
    out: list[str] = []
    skip_blank = False
    for index, line in enumerate(lines):
        if skip_blank:
            skip_blank = False
            if not fold_spaces(line):
                continue
        match = FIGURE_RE.match(fold_spaces(line))
        if match:
            number = int(match[1].translate(EASTERN_DIGITS))
            if number in mapping:
                new = mapping[number]
                if new is None:
                    previous_blank = not out or not fold_spaces(out[-1])
                    next_blank = index + 1 < len(lines) and not fold_spaces(
                        lines[index + 1]
                    )
                    skip_blank = previous_blank and next_blank
                    continue
                line = figure_marker(new)
        out.append(line)
    return newline.join(out)


@transaction.atomic
def captions_park(captions: list[Caption]) -> None:
    """Move ``captions`` to temporary numbers so they can be renumbered in any order."""
    if captions:
        Caption.objects.filter(pk__in=[c.pk for c in captions]).update(
            position=F("position") + _PARKING_OFFSET
        )


@dataclass
class FigureInput:
    """One figure as an editor left it: the caption with their changes applied (not
    saved yet), a photo to attach if they uploaded one, and the alt text they typed
    (None when the alt text field was not touched)."""

    caption: Caption
    photo: object = None
    alt_text: str | None = None


@transaction.atomic
def article_save_figures(
    article: Article,
    *,
    by,
    figures: list[FigureInput],
    deleted: list[Caption],
) -> dict[int, int | None]:
    """Store ``article``'s figures (photos and alt texts included), delete
    ``deleted``, and make the body's markers follow renumbered figures. Return the
    renumbering applied to the body ({old number: new number, or None if removed}).

    A photo is shared by every article that uses it: changing the alt text of one
    ``by`` may not change raises PermissionDenied (nothing stored), and a photo
    uploaded for a figure whose photo-less image ``by`` may not change goes into a
    new image instead."""
    old_positions = dict(
        Caption.objects.filter(article=article).values_list("pk", "position")
    )
    deleted_ids = {c.pk for c in deleted}  # before delete() forgets them
    for caption in deleted:
        caption.delete()
    moving = [
        f.caption
        for f in figures
        if f.caption.pk in old_positions
        and old_positions[f.caption.pk] != f.caption.position
    ]
    captions_park(moving)
    for figure in figures:
        caption = figure.caption
        image = caption.image if caption.image_id else None
        if figure.photo is not None:
            image = _image_for_photo(image, figure, by)
            caption.image = image
        if figure.alt_text is not None and figure.alt_text != image.alt_text:
            if not can_change_image(by, image):
                raise PermissionDenied(ALT_TEXT_LOCKED)
            image.alt_text = figure.alt_text
            image.save(update_fields=["alt_text"])
        caption.article = article
        caption.save()
    mapping: dict[int, int | None] = {}
    final = {f.caption.pk: f.caption.position for f in figures}
    for pk, old in old_positions.items():
        if pk in deleted_ids:
            mapping[old] = None
        elif pk in final and final[pk] != old:
            mapping[old] = final[pk]
    body = renumber_markers(article.body, mapping)
    if body != article.body:
        article.body = body
        article.save(update_fields=["body"])
    return mapping


def _image_for_photo(image: Image | None, figure: FigureInput, by) -> Image:
    """Return the image an uploaded photo goes into: the figure's own image when it
    has no photo yet (imported figures) and ``by`` may change it, the same photo
    already in the library, or a new image."""
    alt_text = figure.alt_text if figure.alt_text is not None else ""
    if image is not None and not image.file and can_change_image(by, image):
        try:
            return image_attach_file(image, file=figure.photo, by=by)
        except DuplicateImage as duplicate:
            return duplicate.existing
    return image_create(
        file=figure.photo,
        by=by,
        alt_text=alt_text or (image.alt_text if image else ""),
        credit=figure.caption.credit or (image.credit if image else None),
        reuse_duplicate=True,
    )
