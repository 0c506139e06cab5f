"""Checking uploaded photos and making their thumbnails (Pillow).

A photo is accepted only when its content really is JPEG, PNG, WebP or GIF, its name
says the same, and it stays within the size and pixel limits; decompression bombs and
SVG (which can carry scripts) are refused. Nothing here writes files.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_BYTES = getattr(settings, "NEWSROOM_IMAGE_MAX_BYTES", 20 * 1024 * 1024)
MAX_PIXELS = getattr(settings, "NEWSROOM_IMAGE_MAX_PIXELS", 50_000_000)
THUMBNAIL_SIZE = (320, 320)

#: Pillow format → (the extension we store, the extensions a file may carry).
FORMATS = {
    "JPEG": ("jpg", {"jpg", "jpeg", "jpe", "jfif"}),
    "PNG": ("png", {"png"}),
    "WEBP": ("webp", {"webp"}),
    "GIF": ("gif", {"gif"}),
}
ACCEPT = ",".join(
    sorted(
        {f".{ext}" for _stored, exts in FORMATS.values() for ext in exts}
        | {"image/jpeg", "image/png", "image/webp", "image/gif"}
    )
)


@dataclass(frozen=True)
class ImageInfo:
    format: str
    extension: str
    width: int
    height: int
    checksum: str


def file_checksum(file) -> str:
    """Return the SHA-256 of ``file``'s content (read from the start)."""
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def inspect_image(file) -> ImageInfo:
    """Return what ``file`` (an uploaded file) is, or raise ValidationError with a
    ``code``: too_large, svg, bad_extension, not_an_image, unsupported_format,
    extension_mismatch, too_many_pixels, decompression_bomb or corrupt."""
    # Pillow is loaded by the screens that take photos, not by every public worker.
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    name = getattr(file, "name", "") or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; photos may be at most %(max)s."),
            code="too_large",
            params={"size": filesizeformat(size), "max": filesizeformat(MAX_BYTES)},
        )
    if extension in {"svg", "svgz"}:
        raise ValidationError(
            _(
                "SVG files are not accepted (they can carry scripts). Use JPEG, PNG or WebP."
            ),
            code="svg",
        )
    allowed = {ext for _stored, exts in FORMATS.values() for ext in exts}
    if extension not in allowed:
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG, WebP or GIF file name."),
            code="bad_extension",
            params={"name": name},
        )
    file.seek(0)
    head = file.read(512)
    file.seek(0)
    if b"<svg" in head.lower() or head.lstrip().startswith(b"<"):
        raise ValidationError(
            _(
                "SVG files are not accepted (they can carry scripts). Use JPEG, PNG or WebP."
            ),
            code="svg",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(file) as image:
                image_format = image.format
                width, height = image.size
                if image_format not in FORMATS:
                    raise ValidationError(
                        _("%(format)s images are not accepted. Use JPEG, PNG or WebP."),
                        code="unsupported_format",
                        params={"format": image_format},
                    )
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        _(
                            "The photo is %(width)s×%(height)s pixels; at most "
                            "%(max)s million pixels are accepted."
                        ),
                        code="too_many_pixels",
                        params={
                            "width": width,
                            "height": height,
                            "max": MAX_PIXELS // 1_000_000,
                        },
                    )
                image.verify()
            # verify() reads the structure, not the pixels: a photo cut short (an
            # interrupted upload) passes it. Decoding the whole photo, bounded by
            # the pixel limit above, finds it.
            file.seek(0)
            with PILImage.open(file) as image:
                image.load()
    except ValidationError:
        file.seek(0)
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        file.seek(0)
        raise ValidationError(
            _("The photo declares too many pixels to be opened safely."),
            code="decompression_bomb",
        ) from None
    except UnidentifiedImageError:
        file.seek(0)
        raise ValidationError(
            _("The file is not a photo: its content is not JPEG, PNG, WebP or GIF."),
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        file.seek(0)
        raise ValidationError(
            _("The photo is damaged and cannot be read (%(error)s)."),
            code="corrupt",
            params={"error": error},
        ) from None
    stored_extension, extensions = FORMATS[image_format]
    if extension not in extensions:
        raise ValidationError(
            _(
                "The file is named .%(extension)s but its content is %(format)s. "
                "Renamed files are refused: export the photo in the format its name says."
            ),
            code="extension_mismatch",
            params={"extension": extension, "format": image_format},
        )
    return ImageInfo(
        format=image_format,
        extension=stored_extension,
        width=width,
        height=height,
        checksum=file_checksum(file),
    )


def make_thumbnail(file) -> ContentFile:
    """Return a JPEG thumbnail (at most 320×320, upright) of an inspected photo.
    Decoding the whole photo here also catches damage that ``verify`` misses."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    file.seek(0)
    try:
        with PILImage.open(file) as image:
            image.draft("RGB", THUMBNAIL_SIZE)
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMBNAIL_SIZE)
            if image.mode not in ("RGB", "L"):
                background = PILImage.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            out = io.BytesIO()
            image.save(out, "JPEG", quality=82, optimize=True)
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The photo is damaged and cannot be read (%(error)s)."),
            code="corrupt",
            params={"error": error},
        ) from None
    finally:
        file.seek(0)
    return ContentFile(out.getvalue())
