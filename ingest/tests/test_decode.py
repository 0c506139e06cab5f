"""Bytes to text (``ingest/importer/decode.py``): every encoding and line end read the
same, and binary or undecodable files refused."""

import random

import pytest

from ingest.importer import ParseError
from ingest.tests.importer_cases import PARAGRAPH, SEED, dump, parse

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding)


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("final_newline", [True, False], ids=["final", "no-final"])
@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16-le"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("cp1256", "cp1256"),
    ],
)
def test_seed_reads_the_same_in_every_encoding_and_line_end(
    encoding, reported, line_end, final_newline
):
    text = SEED_TEXT if final_newline else SEED_TEXT.rstrip("\n")
    piece = parse(_encode(text.replace("\n", line_end), encoding))
    reference = parse(SEED.read_bytes())

    assert piece.encoding == reported
    assert piece.to_json() == reference.to_json()
    assert [b.line for b in piece.blocks] == [b.line for b in reference.blocks]


def test_cp1256_is_told_from_utf8():
    utf8 = parse(dump(PARAGRAPH))
    cp1256 = parse(dump(PARAGRAPH).decode("utf-8").encode("cp1256"))

    assert (utf8.encoding, cp1256.encoding) == ("utf-8", "cp1256")
    assert utf8.blocks == cp1256.blocks


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(40), "a JPEG image"),
        (b"GIF89a" + bytes(20), "a GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (or a Word/OpenDocument file)"),
        (b"\x1f\x8b\x08\x00" + bytes(10), "a gzip archive"),
    ],
    ids=["png", "jpeg", "gif", "pdf", "zip", "gzip"],
)
def test_renamed_binary_file_is_refused(data, kind):
    with pytest.raises(ParseError) as caught:
        parse(data, filename="photo.txt")

    assert caught.value.code == "binary"
    assert str(caught.value) == f"photo.txt: the file is {kind}, not a text dump"


def test_bytes_with_nul_are_refused_as_binary():
    with pytest.raises(ParseError) as caught:
        parse(b"headline\n\nsome\x00binary\x00data")

    assert caught.value.code == "binary"


@pytest.mark.usefixtures("english")
def test_random_high_bytes_are_neither_utf8_nor_cp1256():
    junk = bytes((i * 97 + 31) % 128 + 128 for i in range(3000))

    with pytest.raises(ParseError) as caught:
        parse(junk)

    assert caught.value.code == "undecodable"
    assert "neither UTF-8" in str(caught.value)


def test_latin1_text_is_not_taken_for_cp1256():
    french = "L'été dernier, à Besançon, la fête a réuni élèves et maîtres.\n" * 20

    with pytest.raises(ParseError) as caught:
        parse(french.encode("latin-1"))

    assert caught.value.code == "undecodable"


def test_broken_utf16_is_refused():
    with pytest.raises(ParseError) as caught:
        parse(b"\xff\xfe" + "عنوان".encode("utf-16-le") + b"\x00\xd8")

    assert caught.value.code == "undecodable"


def test_random_high_bytes_with_line_breaks_are_refused():
    rng = random.Random(7)
    alphabet = [*range(128, 256), *[10] * 8, *[32] * 20]
    refused = 0
    for _ in range(200):
        junk = bytes(rng.choice(alphabet) for _ in range(100))
        try:
            parse(junk)
        except ParseError as err:
            refused += err.code == "undecodable"

    assert refused == 200
