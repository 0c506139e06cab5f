"""The importer's entry point (``ingest/importer/parser.py``): files without a piece,
the size limit, and bytes only."""

import pytest

from ingest.importer import Paragraph, ParseError
from ingest.importer.structure import ERROR_CODES
from ingest.tests.importer_cases import PARAGRAPH, dump, parse


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (b"", "empty", "dump.txt: the file is empty"),
        (b"  \n\t\n\r\n", "blank", "dump.txt: the file holds only white space"),
        (
            "\u00a0\n \u00a0\n".encode(),
            "blank",
            "dump.txt: the file holds only white space",
        ),
        (b"\xef\xbb\xbf\n", "blank", "dump.txt: the file holds only white space"),
        (
            "عنوان الخبر\n\n".encode(),
            "no_body",
            "dump.txt, line 1: the file holds a headline but no body",
        ),
        (
            "\nعنوان الخبر\n\nالمصدر : الجزيرة\n".encode(),
            "no_body",
            "dump.txt, line 2: the file holds a headline but no body",
        ),
    ],
    ids=["empty", "white-space", "nbsp-only", "bom-only", "headline-only", "no-body"],
)
def test_file_without_a_piece_is_refused_with_a_clear_message(data, code, message):
    with pytest.raises(ParseError) as caught:
        parse(data, filename="dump.txt")

    assert caught.value.code == code
    assert code in ERROR_CODES
    assert str(caught.value) == message


@pytest.mark.usefixtures("english")
def test_file_over_the_limit_is_refused_naming_the_limit():
    data = dump(PARAGRAPH) * (5 * 1024 * 1024 // len(dump(PARAGRAPH)) + 1)

    with pytest.raises(ParseError) as caught:
        parse(data, filename="big.txt", max_bytes=5 * 1024 * 1024)

    assert caught.value.code == "too_large"
    assert str(caught.value) == (
        f"big.txt: the file is {len(data):,} bytes ({len(data) / 1048576:.1f} MiB), "
        "over the limit of 5,242,880 bytes (5.0 MiB)"
    )


def test_file_at_the_limit_is_read():
    data = dump(PARAGRAPH)

    assert parse(data, max_bytes=len(data)).blocks == [Paragraph(PARAGRAPH, 3)]


def test_parse_refuses_text_instead_of_bytes():
    with pytest.raises(TypeError):
        parse("عنوان")
