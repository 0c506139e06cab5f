import pytest

from articles.services import renumber_markers


@pytest.mark.parametrize(
    ("body", "mapping", "expected"),
    [
        # Two figures swap numbers: each marker follows its figure.
        (
            "أ.\n\n[[صورة 1]]\n\nب.\n\n[[صورة 2]]",
            {1: 2, 2: 1},
            "أ.\n\n[[صورة 2]]\n\nب.\n\n[[صورة 1]]",
        ),
        # Other spellings of a marker are understood; untouched numbers stay as typed.
        (
            "[[figure ١]]\n\n[[صورة ٣]]",
            {1: 4},
            "[[صورة 4]]\n\n[[صورة ٣]]",
        ),
        # A removed figure's marker goes, with one of the blank lines around it.
        ("أ.\n\n[[صورة 1]]\n\nب.", {1: None}, "أ.\n\nب."),
        ("[[صورة 1]]\n\nأ.", {1: None}, "أ."),
        # Windows line ends are kept as they are.
        ("أ.\r\n\r\n[[صورة 2]]\r\n", {2: 1}, "أ.\r\n\r\n[[صورة 1]]\r\n"),
        # A marker inside a paragraph is text, not a marker.
        ("نص [[صورة 1]] داخل فقرة.", {1: 2}, "نص [[صورة 1]] داخل فقرة."),
    ],
)
def test_renumber_markers(body, mapping, expected):
    assert renumber_markers(body, mapping) == expected


def test_no_mapping_changes_nothing():
    body = "أ.\n\n\n[[صورة 1]]   \n"
    assert renumber_markers(body, {}) is body
