import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from articles import images
from articles.models import Image
from articles.services import DuplicateImage, image_attach_file, image_create
from articles.services.images import cleanup_files_on_error

from .factories import (
    editor,
    photo_bytes,
    png_declaring,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def refusal(file):
    with pytest.raises(ValidationError) as raised:
        images.inspect_image(file)
    return raised.value.code


@pytest.mark.parametrize(
    ("name", "fmt", "extension"),
    [
        ("photo.jpg", "JPEG", "jpg"),
        ("PHOTO.JPEG", "JPEG", "jpg"),
        ("shot.png", "PNG", "png"),
        ("shot.webp", "WEBP", "webp"),
        ("anim.gif", "GIF", "gif"),
    ],
)
def test_accepted_formats_are_recognised_by_content(name, fmt, extension):
    info = images.inspect_image(upload(name, fmt, size=(300, 200)))
    assert (info.format, info.extension, info.width, info.height) == (
        fmt,
        extension,
        300,
        200,
    )
    assert len(info.checksum) == 64


def test_renamed_file_is_refused():
    assert refusal(SimpleUploadedFile("photo.jpg", photo_bytes("PNG"))) == (
        "extension_mismatch"
    )


def test_text_renamed_as_a_photo_is_refused():
    assert refusal(SimpleUploadedFile("photo.jpg", b"just some text " * 50)) == (
        "not_an_image"
    )


def test_svg_is_refused_by_name_and_by_content():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert refusal(SimpleUploadedFile("logo.svg", svg)) == "svg"
    assert refusal(SimpleUploadedFile("logo.png", svg)) == "svg"


def test_other_formats_are_refused():
    buffer = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, "BMP")
    assert refusal(SimpleUploadedFile("photo.bmp", buffer.getvalue())) == (
        "bad_extension"
    )
    assert refusal(SimpleUploadedFile("photo.jpg", buffer.getvalue())) == (
        "unsupported_format"
    )


def test_too_large_file_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 1000)
    assert refusal(upload(size=(400, 400))) == "too_large"


def test_too_many_pixels_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 100 * 100)
    assert refusal(upload(size=(101, 100))) == "too_many_pixels"


def test_decompression_bomb_is_refused():
    bomb = SimpleUploadedFile("bomb.png", png_declaring(200_000, 200_000))
    assert refusal(bomb) == "decompression_bomb"


def test_a_bomb_under_pillows_limit_is_still_over_ours():
    bomb = SimpleUploadedFile("bomb.png", png_declaring(10_000, 6_000))
    assert refusal(bomb) == "too_many_pixels"


def test_damaged_photo_is_refused():
    data = photo_bytes("PNG", (200, 200))
    assert refusal(SimpleUploadedFile("cut.png", data[: len(data) // 2])) == "corrupt"


def test_truncated_jpeg_is_refused():
    data = photo_bytes("JPEG", (640, 480))
    cut = SimpleUploadedFile("cut.jpg", data[: len(data) * 2 // 3])
    assert refusal(cut) == "corrupt"


def test_upload_records_size_checksum_and_thumbnail(media_root):
    user = editor()
    image = image_create(
        file=upload(size=(1600, 900)), by=user, alt_text="  صورة  ", credit=None
    )
    image.refresh_from_db()
    assert (image.width, image.height) == (1600, 900)
    assert image.alt_text == "صورة"
    assert image.uploaded_by == user
    assert image.file.name.startswith("images/") and image.file.name.endswith(".jpg")
    with PILImage.open(image.thumbnail.path) as thumb:
        assert thumb.size == (320, 180)
    assert len(stored_files(media_root)) == 2


def test_same_photo_twice_is_recognised(media_root):
    user = editor()
    first = image_create(file=upload(), by=user)
    with pytest.raises(DuplicateImage) as duplicate:
        image_create(file=upload("copy.jpg"), by=user)
    assert duplicate.value.existing == first
    assert (
        image_create(file=upload("again.jpg"), by=user, reuse_duplicate=True) == first
    )
    assert Image.objects.count() == 1
    assert len(stored_files(media_root)) == 2


def test_failed_upload_leaves_no_file(media_root, monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(Image, "save", refuse)
    with pytest.raises(RuntimeError):
        image_create(file=upload(), by=editor())
    assert stored_files(media_root) == []


def test_files_written_before_a_later_failure_are_removed(media_root):
    with pytest.raises(RuntimeError), cleanup_files_on_error():
        image_create(file=upload(), by=editor())
        raise RuntimeError("the article could not be saved")
    assert stored_files(media_root) == []


def test_refused_upload_leaves_no_file(media_root):
    with pytest.raises(ValidationError):
        image_create(file=SimpleUploadedFile("x.jpg", photo_bytes("PNG")), by=editor())
    assert stored_files(media_root) == []


def test_attach_keeps_the_same_image_row():
    user = editor()
    placeholder = Image.objects.create(alt_text="مكان صورة")
    attached = image_attach_file(placeholder, file=upload(), by=user)
    assert attached.pk == placeholder.pk and attached.file


# Fuzzing: whatever the bytes, a photo is accepted and thumbnailed, or refused with a
# reason; never an error the desk does not expect (a 500).

_SAMPLES = {
    "jpg": photo_bytes("JPEG", (64, 48)),
    "png": photo_bytes("PNG", (64, 48)),
    "gif": photo_bytes("GIF", (64, 48)),
}


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(sorted(_SAMPLES)),
    cut=st.integers(min_value=0, max_value=4096),
    flips=st.lists(st.tuples(st.integers(0, 4095), st.integers(0, 255)), max_size=6),
)
def test_a_damaged_photo_is_accepted_whole_or_refused_with_a_reason(kind, cut, flips):
    data = bytearray(_SAMPLES[kind][: max(cut, 1)])
    for offset, value in flips:
        if offset < len(data):
            data[offset] = value
    upload_file = SimpleUploadedFile(f"photo.{kind}", bytes(data))
    try:
        images.inspect_image(upload_file)
    except ValidationError as error:
        assert error.code
        return
    assert images.make_thumbnail(upload_file).size > 0
