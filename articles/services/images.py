"""Storing photos: new images, photos attached to imported figures that had none.

Files are written only after the photo passed every check, and removed again if the
database refuses the row (or anything later in the same request fails, inside
:func:`cleanup_files_on_error`), so a failed upload leaves no file behind.
"""

import contextlib
import contextvars
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..images import inspect_image, make_thumbnail
from ..models import Article, Image
from .permissions import can_change_image
from .revisions import article_record_revision

_written: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "newsroom_written_files", default=None
)


class DuplicateImage(ValidationError):
    """The same photo (same SHA-256) is already stored; ``existing`` is it."""

    def __init__(self, existing: Image):
        super().__init__(
            _("This photo is already in the library as image %(id)s (%(name)s)."),
            code="duplicate",
            params={"id": existing.pk, "name": str(existing)},
        )
        self.existing = existing


@contextlib.contextmanager
def cleanup_files_on_error():
    """Delete the photo files written inside the block if the block fails."""
    token = _written.set([])
    try:
        yield
    except BaseException:
        for storage, name in _written.get():
            storage.delete(name)
        raise
    finally:
        _written.reset(token)


def _track(field_file):
    written = _written.get()
    if written is not None:
        written.append((field_file.storage, field_file.name))


def _file_name(upload, info) -> str:
    stem = slugify(PurePath(upload.name).stem, allow_unicode=True)[:60] or "photo"
    return f"{stem}.{info.extension}"


def _store(image: Image, upload, info) -> None:
    """Write the photo and its thumbnail into ``image`` and save it, or leave nothing."""
    thumbnail = make_thumbnail(upload)
    image.checksum = info.checksum
    written = []
    try:
        image.file.save(_file_name(upload, info), upload, save=False)
        written.append((image.file.storage, image.file.name))
        image.thumbnail.save(f"{info.checksum[:16]}.jpg", thumbnail, save=False)
        written.append((image.thumbnail.storage, image.thumbnail.name))
        image.width, image.height = info.width, info.height
        with transaction.atomic():
            image.save()
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    _track(image.file)
    _track(image.thumbnail)


def find_duplicate(checksum: str, *, exclude: int | None = None) -> Image | None:
    return Image.objects.filter(checksum=checksum).exclude(pk=exclude).first()


def image_create(
    *, file, by, alt_text: str = "", credit=None, reuse_duplicate: bool = False
) -> Image:
    """Store a new photo and return its Image. The same photo uploaded before raises
    :class:`DuplicateImage`, or with ``reuse_duplicate`` returns the stored one."""
    info = inspect_image(file)
    existing = find_duplicate(info.checksum)
    if existing is not None:
        if reuse_duplicate:
            return existing
        raise DuplicateImage(existing)
    image = Image(
        alt_text=alt_text.strip(),
        credit=credit,
        uploaded_by=by,
        uploaded_at=timezone.now(),
    )
    try:
        _store(image, file, info)
    except IntegrityError:
        # Someone stored the same photo a moment ago.
        existing = find_duplicate(info.checksum)
        if existing is None:
            raise
        if reuse_duplicate:
            return existing
        raise DuplicateImage(existing) from None
    return image


def image_attach_file(image: Image, *, file, by) -> Image:
    """Give ``image`` (new or stored) its photo, e.g. an imported figure's photo that
    arrived later, or replace its photo; save and return it. The same photo stored as
    another image raises :class:`DuplicateImage`; a stored image that ``by`` may not
    change (see :func:`~articles.services.permissions.changeable_images`) raises
    PermissionDenied."""
    if image.pk and not can_change_image(by, image):
        raise PermissionDenied(_("You are not allowed to change this photo."))
    info = inspect_image(file)
    existing = find_duplicate(info.checksum, exclude=image.pk)
    if existing is not None:
        raise DuplicateImage(existing)
    # A replaced photo file is kept on disk: older revisions still name it.
    image.uploaded_by = by
    image.uploaded_at = timezone.now()
    try:
        _store(image, file, info)
    except IntegrityError:
        existing = find_duplicate(info.checksum, exclude=image.pk)
        if existing is None:
            raise
        raise DuplicateImage(existing) from None
    return image


@transaction.atomic
def image_update(image: Image, *, by, file=None) -> Image:
    """Store a change made to ``image`` in the photo library (its alt text or credit,
    and its photo when ``file`` is given), then record a revision of every article
    that uses it: their figures changed. Raises as :func:`image_attach_file`."""
    if file is not None:
        image_attach_file(image, file=file, by=by)
    else:
        image.save()
    for article in Article.objects.filter(captions__image=image).distinct():
        article_record_revision(article, by=by, reason=f"photo:{image.pk}")
    return image
