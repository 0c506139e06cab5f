"""The importer's messages (``ingest/importer/messages.py``): worded in the language
active when they are shown, never when the modules load."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.utils import translation

from ingest.importer import ParseError, ParseWarning
from ingest.tests.importer_cases import (
    PARAGRAPH,
    PARAGRAPH_2,
    SEED,
    dump,
    parse,
    seedlike_cases,
    trec_files,
)


def test_a_warning_is_worded_in_the_language_active_when_it_is_shown():
    """Parsed once (say by a worker with no language), shown to each reader in theirs."""
    with translation.override("en"):
        (warning,) = parse(SEED.read_bytes()).warnings

    assert (warning.line, warning.code, warning.params) == (
        19,
        "short_line_subheading",
        {},
    )
    with translation.override("ar"):
        assert str(warning) == "السطر 19: سطر قصير اعتُبر عنوانًا فرعيًا"
        assert warning == ParseWarning(
            19, "short_line_subheading", "السطر 19: سطر قصير اعتُبر عنوانًا فرعيًا"
        )
    with translation.override("en"):
        assert str(warning) == "line 19: short line taken as a sub-heading"


def test_a_warning_keeps_its_values_as_parameters():
    long_line = " ".join([PARAGRAPH.rstrip("."), PARAGRAPH_2.rstrip(".")]) + " (رويترز)"
    (warning,) = parse(dump(PARAGRAPH, long_line)).warnings

    assert warning.params == {"text": "رويترز"}
    assert warning.to_json()["params"] == {"text": "رويترز"}


def test_warning_with_a_value_keeps_the_value_in_arabic():
    long_line = " ".join([PARAGRAPH.rstrip("."), PARAGRAPH_2.rstrip(".")]) + " (رويترز)"

    with translation.override("ar"):
        (warning,) = parse(dump(PARAGRAPH, long_line)).warnings

    assert warning.code == "parenthesis_not_credit"
    assert warning.message == (
        "السطر 5: قد يكون تعليق صورة: لم يُعتبر ما بين القوسين في آخر السطر "
        "(رويترز) اعتمادًا للصورة"
    )


@pytest.mark.parametrize(
    ("language", "empty", "headline_only"),
    [
        (
            "ar",
            "dump.txt: الملف فارغ",
            "dump.txt، السطر 1: في الملف عنوان بلا متن",
        ),
        (
            "en",
            "dump.txt: the file is empty",
            "dump.txt, line 1: the file holds a headline but no body",
        ),
    ],
)
def test_parse_error_is_in_the_language_active_when_shown(
    language, empty, headline_only
):
    other = "en" if language == "ar" else "ar"
    with translation.override(other):
        with pytest.raises(ParseError) as no_data:
            parse(b"", filename="dump.txt")
        with pytest.raises(ParseError) as no_body:
            parse("عنوان الخبر\n\n".encode(), filename="dump.txt")

    with translation.override(language):
        assert (str(no_data.value), str(no_body.value)) == (empty, headline_only)
    assert (no_data.value.code, no_body.value.code) == ("empty", "no_body")


def test_refusal_naming_the_file_type_is_in_arabic():
    with translation.override("ar"):
        with pytest.raises(ParseError) as caught:
            parse(b"\x89PNG\r\n\x1a\n" + bytes(40), filename="photo.txt")

        assert str(caught.value) == "photo.txt: الملف صورة PNG، وليس ملفًا نصيًا"


def test_refusal_of_a_large_file_gives_both_sizes_in_arabic():
    data = dump(PARAGRAPH) * (2048 // len(dump(PARAGRAPH)) + 1)

    with translation.override("ar"), pytest.raises(ParseError) as caught:
        parse(data, max_bytes=1000)

    assert caught.value.message == (
        f"حجم الملف {len(data):,} بايت ({len(data) / 1024:.1f} كيلوبايت)، "
        "وهو أكبر من الحد المسموح (1,000 بايت)"
    )


def test_every_warning_of_the_corpus_is_translated():
    for case in [*seedlike_cases(), *trec_files()]:
        for warning in parse(case.read_bytes()).warnings:
            with translation.override("en"):
                english = str(warning)
            with translation.override("ar"):
                arabic = str(warning)
            assert arabic != english, (case.name, english)
            assert arabic.startswith(f"السطر {warning.line}: "), arabic


def test_importing_the_parser_translates_nothing():
    """Messages are translated when they are made, never when the modules load: the
    parser imports with no Django settings at all."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "import ingest.importer, ingest.importer.decode; print('ok')"

    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")
