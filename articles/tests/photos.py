"""Small real photos for tests, made with Pillow in memory."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage


def photo_bytes(fmt="JPEG", size=(640, 480), color=(200, 30, 30)):
    buffer = io.BytesIO()
    mode = "P" if fmt == "GIF" else "RGB"
    PILImage.new(mode if mode == "RGB" else "RGB", size, color).convert(mode).save(
        buffer, fmt
    )
    return buffer.getvalue()


def upload(name="photo.jpg", fmt="JPEG", size=(640, 480), color=(200, 30, 30)):
    return SimpleUploadedFile(name, photo_bytes(fmt, size, color))


def png_declaring(width, height):
    """A tiny PNG whose header claims ``width``×``height`` pixels (a decompression
    bomb's signature)."""
    data = photo_bytes("PNG", (1, 1))
    ihdr_start = 8 + 8  # signature, then length and type of the IHDR chunk
    header = bytearray(data[ihdr_start : ihdr_start + 13])
    header[0:8] = struct.pack(">II", width, height)
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + bytes(header)) & 0xFFFFFFFF)
    return data[:ihdr_start] + bytes(header) + crc + data[ihdr_start + 17 :]
